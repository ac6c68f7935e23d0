using Amazon.Runtime;

using Microsoft.Extensions.Time.Testing;

namespace SecretBroker.Aws.Tests.Fakes;

/// <summary>Backends wired to a <see cref="FakeSecretsManager"/> with session credentials and an empty environment.</summary>
internal static class TestBackends
{
    public static readonly Uri Endpoint = new("https://secretsmanager.us-west-2.amazonaws.com/");

    public static Func<string, string?> NoEnvironment { get; } = static _ => null;

    public static AwsSecretsManagerBackend Create(FakeSecretsManager fake, AwsRefreshMode mode = AwsRefreshMode.Batch, TimeProvider? time = null) =>
        new(
            new AwsSecretsManagerOptions { Region = FakeSecretsManager.Region, ServiceUrl = Endpoint, RefreshMode = mode },
            NoEnvironment,
            fake,
            time ?? new FakeTimeProvider(),
            new SessionAWSCredentials(FakeSecretsManager.AccessKey, FakeSecretsManager.SecretKey, FakeSecretsManager.SessionToken));

    /// <summary>
    /// A backend with <c>identity: irsa</c> whose pod environment names <paramref name="tokenFile"/> and the loopback
    /// STS at <paramref name="sts"/>: credentials come from real exchanges, not from the test.
    /// </summary>
    public static AwsSecretsManagerBackend Irsa(FakeSecretsManager fake, Uri sts, string tokenFile) =>
        new(
            new AwsSecretsManagerOptions { Region = FakeSecretsManager.Region, ServiceUrl = Endpoint, Identity = AwsIdentityMode.Irsa },
            HttpsEnforcementTests.Env(
                ("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/broker"),
                ("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile),
                ("AWS_ROLE_SESSION_NAME", "sidecar-test"),
                ("AWS_ENDPOINT_URL_STS", sts.ToString())),
            fake,
            new FakeTimeProvider(),
            credentials: null);

    public static SecretDefinition Secret(string id, string? name = null, string? version = null, string? key = null) =>
        new(name ?? Slug(id), "aws", id, TimeSpan.FromMinutes(5)) { Version = version, Key = key };

    /// <summary>A canned secret value JSON member list (no braces), as GetSecretValue or a batch item carries it.</summary>
    public static string Value(string name, string secretString, string versionId = "a1b2c3d4-0000-4000-8000-00000000000a") =>
        $$"""{"ARN":"arn:aws:secretsmanager:us-west-2:111122223333:secret:{{name}}-Ab12Cd","Name":"{{name}}","VersionId":"{{versionId}}","SecretString":{{System.Text.Json.JsonSerializer.Serialize(secretString)}},"VersionStages":["AWSCURRENT"],"CreatedDate":1893456000.123}""";

    private static string Slug(string id) => id.Replace('/', '-').ToLowerInvariant();
}
