using System.Net;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Outputs.Http.Credentials;

/// <summary>Every credentials request must present the token from the token file; anything else is 401 and audited.</summary>
public sealed class CredentialsTokenIsRequiredTests : IAsyncLifetime
{
    private CredentialsHost _host = null!;

    public async Task InitializeAsync() => _host = await CredentialsHost.StartAsync(
        new Dictionary<string, string?> { ["s3keys"] = """{"AccessKeyId":"ASIAX","SecretAccessKey":"s3cr3t-key","SessionToken":"t"}""" },
        new SecretCredentialSetSettings("minio", "s3keys", AllowLongTermKeys: false));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string Token => File.ReadAllText(_host.TokenPath);

    [Theory]
    [InlineData(null, "no")]
    [InlineData("", "a wrong")]
    [InlineData("not-the-token", "a wrong")]
    public async Task A_missing_or_wrong_token_is_401_problem_and_an_audit_line(string? authorization, string reason)
    {
        using HttpResponseMessage response = await _host.GetAsync("minio", authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", CredentialsHost.ContentType(response)?.MediaType);
        string body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("ASIAX", body, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-key", body, StringComparison.Ordinal);
        Assert.Contains(_host.Logs.Entries, e => e.EventId.Id == 4152 && e.Message == $"Refused a request for credential set minio: {reason} Authorization token");
    }

    [Fact]
    public async Task The_token_with_a_bearer_prefix_or_a_trailing_newline_is_not_the_token()
    {
        using HttpResponseMessage bearer = await _host.GetAsync("minio", "Bearer " + Token);
        using HttpResponseMessage suffixed = await _host.GetAsync("minio", Token + "x");
        using HttpResponseMessage truncated = await _host.GetAsync("minio", Token[..^1]);

        Assert.Equal(HttpStatusCode.Unauthorized, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, suffixed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, truncated.StatusCode);
    }

    [Fact]
    public async Task The_token_is_checked_before_the_name_so_set_names_do_not_leak()
    {
        using HttpResponseMessage response = await _host.GetAsync("nope", "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_token_from_the_file_is_accepted_and_never_logged()
    {
        using HttpResponseMessage wrong = await _host.GetAsync("minio", "wrong");
        using HttpResponseMessage response = await _host.GetAsync("minio", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(_host.Logs.Entries, e => e.Message.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repeated_refusals_are_folded_into_one_count_per_window()
    {
        for (int i = 0; i < 5; i++)
        {
            using HttpResponseMessage response = await _host.GetAsync("minio", "wrong-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Single(_host.Logs.Entries, e => e.EventId.Id == 4152);
    }
}
