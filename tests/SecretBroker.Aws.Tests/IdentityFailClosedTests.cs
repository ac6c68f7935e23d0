using Amazon;

using SecretBroker.Aws.Internal;

namespace SecretBroker.Aws.Tests;

public sealed class IdentityFailClosedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sb-aws-identity-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Irsa_with_nothing_set_names_AWS_ROLE_ARN() =>
        AssertFails(AwsIdentityMode.Irsa, [], "AWS identity 'irsa': AWS_ROLE_ARN is not set");

    [Fact]
    public void Irsa_without_a_token_file_variable_names_AWS_WEB_IDENTITY_TOKEN_FILE() =>
        AssertFails(AwsIdentityMode.Irsa, [("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/broker")], "AWS identity 'irsa': AWS_WEB_IDENTITY_TOKEN_FILE is not set");

    [Fact]
    public void Irsa_with_a_token_file_that_does_not_exist_names_the_file()
    {
        string missing = Path.Combine(_dir, "token");
        AssertFails(AwsIdentityMode.Irsa, [("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/broker"), ("AWS_WEB_IDENTITY_TOKEN_FILE", missing)],
            $"AWS identity 'irsa': token file {missing} does not exist");
    }

    [Fact]
    public void Irsa_with_a_relative_token_path_is_refused() =>
        AssertFails(AwsIdentityMode.Irsa, [("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/broker"), ("AWS_WEB_IDENTITY_TOKEN_FILE", "token")], "must be absolute");

    [Fact]
    public void Pod_identity_with_nothing_set_names_the_full_uri_variable() =>
        AssertFails(AwsIdentityMode.PodIdentity, [], "AWS identity 'pod-identity': AWS_CONTAINER_CREDENTIALS_FULL_URI is not set");

    [Fact]
    public void Pod_identity_without_a_token_file_variable_names_it() =>
        AssertFails(AwsIdentityMode.PodIdentity, [("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials")],
            "AWS identity 'pod-identity': AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is not set");

    [Fact]
    public void Pod_identity_with_a_missing_token_file_names_the_file()
    {
        string missing = Path.Combine(_dir, "eks-pod-identity-token");
        AssertFails(AwsIdentityMode.PodIdentity, [("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials"), ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", missing)],
            $"AWS identity 'pod-identity': token file {missing} does not exist");
    }

    [Fact]
    public void Pod_identity_over_plain_http_to_an_arbitrary_host_is_refused() =>
        AssertFails(AwsIdentityMode.PodIdentity, [("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://evil.example/v1/credentials"), ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/x")],
            "must be an https URL or http to loopback");

    [Fact]
    public void Auto_with_nothing_set_fails_and_names_both_identities_and_the_fallback_switch()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => Resolve(AwsIdentityMode.Auto, []));

        Assert.StartsWith("AWS identity 'auto': no identity found", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_WEB_IDENTITY_TOKEN_FILE", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_CONTAINER_CREDENTIALS_FULL_URI", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowFallback", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_with_half_of_irsa_set_reports_irsa_rather_than_trying_pod_identity() =>
        AssertFails(AwsIdentityMode.Auto, [("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token"), ("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials")],
            "AWS identity 'irsa': AWS_ROLE_ARN is not set");

    [Fact]
    public void Auto_detects_irsa_first_then_pod_identity()
    {
        string token = Path.Combine(_dir, "token");
        File.WriteAllText(token, "jwt");
        (string, string)[] irsa = [("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/broker"), ("AWS_WEB_IDENTITY_TOKEN_FILE", token)];
        (string, string)[] pod = [("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/v1/credentials"), ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token)];

        Assert.Equal("irsa", Resolve(AwsIdentityMode.Auto, [.. irsa, .. pod]).Mode);
        Assert.Equal("pod-identity", Resolve(AwsIdentityMode.Auto, pod).Mode);
    }

    [Fact]
    public void Irsa_uses_the_sts_endpoint_override_and_the_option_overrides()
    {
        string token = Path.Combine(_dir, "token");
        File.WriteAllText(token, "jwt");
        var options = new AwsSecretsManagerOptions
        {
            Region = "us-west-2",
            RoleArn = "arn:aws:iam::111122223333:role/from-config",
            WebIdentityTokenFile = token,
            RoleSessionName = "sidecar-1",
        };

        ResolvedAwsIdentity identity = new AwsIdentityResolver(options, HttpsEnforcementTests.Env(("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:7001"), ("AWS_ROLE_ARN", "arn:aws:iam::1:role/env")), RegionEndpoint.USWest2).Resolve();

        var credentials = Assert.IsType<WebIdentityCredentials>(identity.Credentials);
        Assert.Equal("arn:aws:iam::111122223333:role/from-config", credentials.RoleArn);
        Assert.Equal("sidecar-1", credentials.RoleSessionName);
        Assert.Equal(token, credentials.WebIdentityTokenFile);
        Assert.Equal(new Uri("http://127.0.0.1:7001"), credentials.StsEndpoint);
    }

    [Fact]
    public void Irsa_refuses_a_plain_http_sts_endpoint_that_is_not_loopback()
    {
        string token = Path.Combine(_dir, "token");
        File.WriteAllText(token, "jwt");

        ArgumentException error = Assert.Throws<ArgumentException>(() => Resolve(AwsIdentityMode.Irsa,
            [("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/broker"), ("AWS_WEB_IDENTITY_TOKEN_FILE", token), ("AWS_ENDPOINT_URL_STS", "http://sts.internal")]));

        Assert.Contains("AWS_ENDPOINT_URL_STS 'http://sts.internal/' must use https", error.Message, StringComparison.Ordinal);
    }

    private static void AssertFails(AwsIdentityMode mode, (string, string)[] variables, string expected)
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => Resolve(mode, variables));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static ResolvedAwsIdentity Resolve(AwsIdentityMode mode, (string, string)[] variables, bool allowFallback = false) =>
        new AwsIdentityResolver(new AwsSecretsManagerOptions { Region = "us-west-2", Identity = mode, AllowFallback = allowFallback }, HttpsEnforcementTests.Env(variables), RegionEndpoint.USWest2).Resolve();

    internal static ResolvedAwsIdentity ResolveWithFallback(AwsIdentityMode mode, (string, string)[] variables) => Resolve(mode, variables, allowFallback: true);
}
