using Amazon.Runtime;

using Microsoft.Extensions.Time.Testing;

using SecretBroker.Aws.Tests.Fakes;

namespace SecretBroker.Aws.Tests;

public sealed class HttpsEnforcementTests
{
    [Theory]
    [InlineData("http://secretsmanager.example.com")]
    [InlineData("http://10.0.0.5:4566")]
    [InlineData("http://169.254.170.23")]
    public void Plain_http_to_a_non_loopback_host_is_rejected_at_construction(string url)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Create(new Uri(url)));

        Assert.Contains("must use https", error.Message, StringComparison.Ordinal);
        Assert.Contains("ServiceUrl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4566", "http://127.0.0.1:4566/")]
    [InlineData("http://127.1.2.3:80", "http://127.1.2.3/")]
    [InlineData("http://localhost:4566", "http://localhost:4566/")]
    [InlineData("http://[::1]:4566", "http://[::1]:4566/")]
    [InlineData("https://secretsmanager.example.com", "https://secretsmanager.example.com/")]
    public void Loopback_http_and_any_https_are_accepted(string url, string expected)
    {
        using AwsSecretsManagerBackend backend = Create(new Uri(url));

        Assert.Equal(new Uri(expected), backend.Endpoint);
    }

    [Fact]
    public void The_environment_is_checked_the_same_way_and_names_the_variable()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Create(null, Env(("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://sm.internal:8080"))));

        Assert.Contains("AWS_ENDPOINT_URL_SECRETS_MANAGER", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_precedence_is_option_then_service_variable_then_global_variable_then_regional_default()
    {
        Func<string, string?> both = Env(("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:1001"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:1002"));
        using (AwsSecretsManagerBackend b = Create(new Uri("http://127.0.0.1:1000"), both))
        {
            Assert.Equal(1000, b.Endpoint.Port);
        }

        using (AwsSecretsManagerBackend b = Create(null, both))
        {
            Assert.Equal(1001, b.Endpoint.Port);
        }

        using (AwsSecretsManagerBackend b = Create(null, Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:1002"))))
        {
            Assert.Equal(1002, b.Endpoint.Port);
        }

        using (AwsSecretsManagerBackend b = Create(null, TestBackends.NoEnvironment))
        {
            Assert.Equal(new Uri("https://secretsmanager.us-west-2.amazonaws.com/"), b.Endpoint);
        }
    }

    [Fact]
    public void A_missing_region_is_rejected()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new AwsSecretsManagerBackend(
            new AwsSecretsManagerOptions { Region = " " }, TestBackends.NoEnvironment, new FakeSecretsManager(), new FakeTimeProvider(), new AnonymousAWSCredentials()));

        Assert.Contains("Region is required", error.Message, StringComparison.Ordinal);
    }

    internal static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static AwsSecretsManagerBackend Create(Uri? serviceUrl, Func<string, string?>? environment = null) => new(
        new AwsSecretsManagerOptions { Region = "us-west-2", ServiceUrl = serviceUrl },
        environment ?? TestBackends.NoEnvironment,
        new FakeSecretsManager(),
        new FakeTimeProvider(),
        new AnonymousAWSCredentials());
}
