using SecretBroker.Backends;
using SecretBroker.HuggingFace.Tests.Fakes;

namespace SecretBroker.HuggingFace.Tests;

/// <summary>No message carries a token: not the projected token, not an access token, not one a Hub or proxy echoes.</summary>
public sealed class CanaryTests
{
    private const string Canary = "hf_CANARY_7e1d_never_print_me";

    [Fact]
    public async Task An_error_description_echoing_the_subject_token_or_an_hf_token_is_scrubbed()
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub
        {
            Respond = (request, _) => Task.FromResult(FakeHub.OAuthError("invalid_grant", $"bad subject_token {request.SubjectToken} (previous: {Canary})")),
        };
        using var backend = TestBackends.Create(hub, token);

        SecretFetchResult result = Assert.Single(await backend.FetchAsync([TestBackends.Secret("acme/llama-ft")], CancellationToken.None));

        string shown = result.Error!.ToString();
        Assert.Contains("invalid_grant", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Current, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Current.Split('.')[1], shown, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"access_token\":\"" + Canary + "\",\"expires_in\":\"x\"}")]
    [InlineData("{\"access_token\":\"" + Canary + "\"")]
    [InlineData("{\"access_token\":" + Canary + "}")]
    public async Task A_malformed_answer_holding_a_token_quotes_none_of_it(string body)
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub { Respond = (_, _) => Task.FromResult(FakeHub.Json(body)) };
        using var backend = TestBackends.Create(hub, token);

        SecretFetchResult result = Assert.Single(await backend.FetchAsync([TestBackends.Secret("acme")], CancellationToken.None));

        Assert.DoesNotContain("CANARY", result.Error!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_asked_of_an_access_token_fails_permanently_without_quoting_it()
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub { Respond = (_, _) => Task.FromResult(FakeHub.Token(Canary, 3600)) };
        using var backend = TestBackends.Create(hub, token);

        SecretFetchResult result = Assert.Single(await backend.FetchAsync([TestBackends.Secret("acme", key: "token")], CancellationToken.None));

        Assert.Equal(SecretErrorKind.Permanent, result.Error!.Kind);
        Assert.DoesNotContain("CANARY", result.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_description_and_versions_name_no_token()
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub { Respond = (_, _) => Task.FromResult(FakeHub.Token(Canary, 3600)) };
        using var backend = TestBackends.Create(hub, token);

        SecretFetchResult result = Assert.Single(await backend.FetchAsync([TestBackends.Secret("acme")], CancellationToken.None));
        string? described = HuggingFaceOidcBackendType.Instance.Describe(new HuggingFaceOidcOptions { TokenFile = token.Path }, backend);

        Assert.Equal($"huggingface-oidc https://hub.example.test, token file {token.Path}", described);
        Assert.DoesNotContain("CANARY", result.Version, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", result.Lease!.Id, StringComparison.Ordinal);
    }
}
