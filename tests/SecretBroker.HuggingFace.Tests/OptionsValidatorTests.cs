using SecretBroker.Backends;

namespace SecretBroker.HuggingFace.Tests;

/// <summary>The validator names the setting keys users write: tokenFile, endpoint, requestTimeout.</summary>
public sealed class OptionsValidatorTests
{
    private static IReadOnlyList<SecretBackendSettingProblem> Problems(HuggingFaceOidcOptions options) =>
        [.. HuggingFaceOidcBackendType.Instance.Validator.Problems(options)];

    [Fact]
    public void Valid_options_have_no_problem_and_the_endpoint_defaults_to_the_public_hub()
    {
        var options = new HuggingFaceOidcOptions { TokenFile = "/var/run/secrets/hf/token" };

        Assert.Empty(Problems(options));
        Assert.Equal(new Uri("https://huggingface.co"), options.Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
    }

    [Theory]
    [InlineData(null, "tokenFile: is required")]
    [InlineData("  ", "tokenFile: is required")]
    [InlineData("relative/token", "tokenFile: must be an absolute path")]
    public void A_token_file_is_required_and_absolute(string? path, string problem)
    {
        Assert.Equal(problem, Assert.Single(Problems(new HuggingFaceOidcOptions { TokenFile = path })).ToString());
    }

    [Theory]
    [InlineData("http://hub.example.test")]
    [InlineData("http://10.0.0.1:8080")]
    public void Plain_http_to_a_remote_host_is_refused(string endpoint)
    {
        SecretBackendSettingProblem problem = Assert.Single(Problems(new HuggingFaceOidcOptions { TokenFile = "/t", Endpoint = new Uri(endpoint) }));

        Assert.Equal("endpoint", problem.Key);
        Assert.Contains("must use https", problem.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://localhost:8080/hub/")]
    [InlineData("http://[::1]:8080")]
    [InlineData("https://hub.example.test/prefix")]
    public void Https_anywhere_and_http_to_loopback_are_accepted(string endpoint)
    {
        Assert.Empty(Problems(new HuggingFaceOidcOptions { TokenFile = "/t", Endpoint = new Uri(endpoint) }));
    }

    [Fact]
    public void An_endpoint_with_a_query_is_refused()
    {
        Assert.Equal("endpoint", Assert.Single(Problems(new HuggingFaceOidcOptions { TokenFile = "/t", Endpoint = new Uri("https://hub.example.test/?x=1") })).Key);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(601)]
    public void A_request_timeout_outside_1s_to_10m_is_refused(double seconds)
    {
        Assert.Equal("requestTimeout", Assert.Single(Problems(new HuggingFaceOidcOptions { TokenFile = "/t", RequestTimeout = TimeSpan.FromSeconds(seconds) })).Key);
    }

    [Fact]
    public void The_type_accepts_exactly_its_three_settings()
    {
        Assert.Equal("huggingface-oidc", HuggingFaceOidcBackendType.Instance.TypeName);
        Assert.Equal(["type", "endpoint", "tokenFile", "requestTimeout"], HuggingFaceOidcBackendType.Instance.SettingKeys);
    }
}
