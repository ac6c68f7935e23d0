using SecretBroker.Aws;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

public class AwsBackendConfigTests
{
    private const string Aws = """
        backends:
          models:
            type: aws-secrets-manager
            region: us-west-2
        secrets:
          - name: hf-token
            backend: models
            id: prod/huggingface
            key: token
        outputs:
          files:
            dir: /dev/shm/secretbroker-test
        """;

    private static string With(string lines) => Aws.Replace("    region: us-west-2\n", "    region: us-west-2\n" + lines, StringComparison.Ordinal);

    [Fact]
    public void A_minimal_aws_backend_gets_the_defaults()
    {
        AwsSecretsManagerOptions aws = Assert.IsType<AwsSecretsManagerOptions>(ConfigFixture.Load(Aws).Backends["models"].Options);

        Assert.Equal("aws-secrets-manager", ConfigFixture.Load(Aws).Backends["models"].Type.TypeName);
        Assert.Equal("us-west-2", aws.Region);
        Assert.Equal(AwsIdentityMode.Auto, aws.Identity);
        Assert.Equal(AwsRefreshMode.Batch, aws.RefreshMode);
        Assert.False(aws.AllowFallback);
        Assert.Null(aws.ServiceUrl);
        Assert.Null(aws.StsServiceUrl);
        Assert.Null(aws.RoleArn);
        Assert.Null(aws.WebIdentityTokenFile);
        Assert.Null(aws.RoleSessionName);
    }

    [Fact]
    public void Every_key_is_read()
    {
        string config = With("""
                endpoint: http://127.0.0.1:4566/
                stsEndpoint: https://sts.us-west-2.amazonaws.com
                identity: irsa
                roleArn: arn:aws:iam::111122223333:role/broker
                webIdentityTokenFile: /var/run/secrets/eks.amazonaws.com/serviceaccount/token
                roleSessionName: broker-0
                allowFallback: true
                refreshMode: probe

            """);

        AwsSecretsManagerOptions aws = Assert.IsType<AwsSecretsManagerOptions>(ConfigFixture.Load(config).Backends["models"].Options);

        Assert.Equal(new Uri("http://127.0.0.1:4566/"), aws.ServiceUrl);
        Assert.Equal(new Uri("https://sts.us-west-2.amazonaws.com"), aws.StsServiceUrl);
        Assert.Equal(AwsIdentityMode.Irsa, aws.Identity);
        Assert.Equal("arn:aws:iam::111122223333:role/broker", aws.RoleArn);
        Assert.Equal("/var/run/secrets/eks.amazonaws.com/serviceaccount/token", aws.WebIdentityTokenFile);
        Assert.Equal("broker-0", aws.RoleSessionName);
        Assert.True(aws.AllowFallback);
        Assert.Equal(AwsRefreshMode.Probe, aws.RefreshMode);
    }

    [Fact]
    public void Pod_identity_is_accepted()
    {
        AwsSecretsManagerOptions aws = Assert.IsType<AwsSecretsManagerOptions>(ConfigFixture.Load(With("    identity: pod-identity\n")).Backends["models"].Options);

        Assert.Equal(AwsIdentityMode.PodIdentity, aws.Identity);
    }

    [Fact]
    public void The_region_is_required()
    {
        string errors = ConfigFixture.Errors(Aws.Replace("    region: us-west-2\n", string.Empty, StringComparison.Ordinal));

        Assert.Contains(":2: backends.models.region: is required", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_that_is_not_one_is_rejected()
    {
        string errors = ConfigFixture.Errors(Aws.Replace("region: us-west-2", "region: Oregon", StringComparison.Ordinal));

        Assert.Contains(":4: backends.models.region: 'Oregon' is not an AWS region", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_named_with_its_line()
    {
        string errors = ConfigFixture.Errors(With("    secretKey: nope\n"));

        Assert.Contains(
            ":5: backends.models.secretKey: unknown key for a 'aws-secrets-manager' backend (expected one of: type, region, endpoint, stsEndpoint, identity, roleArn, webIdentityTokenFile, roleSessionName, allowFallback, refreshMode, requestTimeout)",
            errors,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_backend_key_is_unknown_to_an_aws_backend()
    {
        string errors = ConfigFixture.Errors(With("    path: ./secrets\n"));

        Assert.Contains(":5: backends.models.path: unknown key for a 'aws-secrets-manager' backend", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void An_aws_key_is_unknown_to_a_file_backend()
    {
        string errors = ConfigFixture.Errors(ConfigFixture.Valid.Replace("    path: ./secrets", "    path: ./secrets\n    roleArn: x", StringComparison.Ordinal));

        Assert.Contains(":5: backends.local.roleArn: unknown key for a 'file' backend (expected one of: type, path)", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("identity: node", ":5: backends.models.identity: 'node' is not one of: auto, irsa, pod-identity")]
    [InlineData("refreshMode: sometimes", ":5: backends.models.refreshMode: 'sometimes' is not one of: batch, probe")]
    [InlineData("allowFallback: maybe", ":5: backends.models.allowFallback: 'maybe' is not a boolean")]
    [InlineData("endpoint: not a url", ":5: backends.models.endpoint: 'not a url' is not an absolute http(s) URL")]
    [InlineData("stsEndpoint: ftp://sts", ":5: backends.models.stsEndpoint: 'ftp://sts' is not an absolute http(s) URL")]
    [InlineData("roleArn: \"\"", ":5: backends.models.roleArn: must not be empty")]
    public void A_bad_value_is_named_with_its_line(string line, string expected)
    {
        string errors = ConfigFixture.Errors(With("    " + line + "\n"));

        Assert.Contains(expected, errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Irsa_keys_with_pod_identity_are_rejected()
    {
        string errors = ConfigFixture.Errors(With("    identity: pod-identity\n    roleArn: arn:aws:iam::1:role/x\n"));

        Assert.Contains(":6: backends.models.roleArn: roleArn applies to identity irsa only, not pod-identity", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_token_file_is_resolved_against_the_config_directory()
    {
        AwsSecretsManagerOptions aws = Assert.IsType<AwsSecretsManagerOptions>(ConfigFixture.Load(With("    webIdentityTokenFile: tokens/token\n")).Backends["models"].Options);

        Assert.True(Path.IsPathFullyQualified(aws.WebIdentityTokenFile!));
        Assert.EndsWith("/tokens/token", aws.WebIdentityTokenFile, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_flow_style_works_too()
    {
        string config = Aws.Replace("""
              models:
                type: aws-secrets-manager
                region: us-west-2
            """, "  models: { type: aws-secrets-manager, region: eu-central-1, identity: irsa }", StringComparison.Ordinal);

        AwsSecretsManagerOptions aws = Assert.IsType<AwsSecretsManagerOptions>(ConfigFixture.Load(config).Backends["models"].Options);

        Assert.Equal("eu-central-1", aws.Region);
        Assert.Equal(AwsIdentityMode.Irsa, aws.Identity);
    }
}
