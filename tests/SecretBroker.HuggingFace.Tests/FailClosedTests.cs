using SecretBroker.Backends;
using SecretBroker.HuggingFace.Tests.Fakes;

namespace SecretBroker.HuggingFace.Tests;

/// <summary>Building the backend reads the token file: missing, not a JWT, or for another audience stops the host, naming the file.</summary>
public sealed class FailClosedTests
{
    [Fact]
    public void A_missing_token_file_refuses_the_backend_naming_the_file()
    {
        string missing = Path.Combine(Path.GetTempPath(), "sb-hf-none-" + Guid.NewGuid().ToString("N"), "token");
        var options = new HuggingFaceOidcOptions { TokenFile = missing };

        var error = Assert.Throws<SecretBackendSetupException>(() => HuggingFaceOidcBackendType.Instance.Create(options, new SecretBackendContext { Name = "hub" }));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_for_another_audience_is_refused_naming_the_audiences_but_not_the_token()
    {
        using var token = new ProjectedToken("sts.amazonaws.com", "vault");
        using var hub = new FakeHub();

        var error = Assert.Throws<SecretBackendSetupException>(() => TestBackends.Create(hub, token));

        Assert.Contains(token.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("[sts.amazonaws.com, vault]", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://huggingface.co", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Current, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(hub.Requests);
    }

    [Theory]
    [InlineData("hf_not_a_jwt_CANARY")]
    [InlineData("a.b.c")]
    [InlineData("")]
    public void A_file_that_is_not_a_JWT_is_refused_without_quoting_it(string content)
    {
        using var token = new ProjectedToken();
        File.WriteAllText(token.Path, content);
        using var hub = new FakeHub();

        var error = Assert.Throws<SecretBackendSetupException>(() => TestBackends.Create(hub, token));

        Assert.Contains(token.Path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_given_in_code_are_refused_when_the_backend_is_built()
    {
        var options = new HuggingFaceOidcOptions { TokenFile = "/t", Endpoint = new Uri("http://hub.example.test") };

        var error = Assert.Throws<SecretBackendSetupException>(() => HuggingFaceOidcBackendType.Instance.Create(options, new SecretBackendContext { Name = "hub" }));

        Assert.Contains("endpoint", error.Message, StringComparison.Ordinal);
    }
}
