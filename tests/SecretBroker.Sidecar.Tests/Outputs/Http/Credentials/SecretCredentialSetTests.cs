using System.Globalization;
using System.Net;
using System.Text.Json;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Outputs.Http.Credentials;

/// <summary><c>type: secret</c>: a secret's access-key JSON served as AWS container credentials.</summary>
public sealed class SecretCredentialSetTests : IAsyncLifetime
{
    private const string SessionKeys = """{"AccessKeyId":"ASIAFIRST","SecretAccessKey":"first/secret","SessionToken":"token-1","Expiration":"2099-01-01T18:00:00Z","AccountId":"111122223333"}""";
    private const string LongTermKeys = """{"AccessKeyId":"AKIALONG","SecretAccessKey":"long/secret"}""";
    private const string NotKeys = """{"AccessKeyId":"AKIABROKEN","secret":"not-the-right-member-s3cr3t"}""";

    private CredentialsHost _host = null!;

    public async Task InitializeAsync() => _host = await CredentialsHost.StartAsync(
        new Dictionary<string, string?>
        {
            ["s3keys"] = SessionKeys,
            ["longterm"] = LongTermKeys,
            ["broken"] = NotKeys,
            ["nokeys"] = "this is not JSON at all: s3cr3t",
            ["noexpiry"] = """{"AccessKeyId":"ASIANOEXP","SecretAccessKey":"s","SessionToken":"t"}""",
            ["expired"] = """{"AccessKeyId":"ASIAOLD","SecretAccessKey":"s","SessionToken":"t","Expiration":"2001-01-01T00:00:00Z"}""",
            ["absent"] = null,
        },
        new SecretCredentialSetSettings("minio", "s3keys", AllowLongTermKeys: false),
        new SecretCredentialSetSettings("longterm", "longterm", AllowLongTermKeys: false),
        new SecretCredentialSetSettings("longterm-ok", "longterm", AllowLongTermKeys: true),
        new SecretCredentialSetSettings("broken", "broken", AllowLongTermKeys: false),
        new SecretCredentialSetSettings("nokeys", "nokeys", AllowLongTermKeys: false),
        new SecretCredentialSetSettings("noexpiry", "noexpiry", AllowLongTermKeys: false),
        new SecretCredentialSetSettings("expired", "expired", AllowLongTermKeys: false),
        new SecretCredentialSetSettings("absent", "absent", AllowLongTermKeys: false));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_secrets_keys_are_served_in_the_container_credentials_shape()
    {
        using HttpResponseMessage response = await _host.GetAuthorizedAsync("minio");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", CredentialsHost.ContentType(response)?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(
            """{"AccessKeyId":"ASIAFIRST","SecretAccessKey":"first/secret","Token":"token-1","Expiration":"2099-01-01T18:00:00Z","AccountId":"111122223333"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keys_without_an_expiration_announce_one_past_the_secrets_next_refresh_plus_the_sdk_window()
    {
        DateTimeOffset before = DateTimeOffset.UtcNow;
        using HttpResponseMessage response = await _host.GetAuthorizedAsync("noexpiry");
        DateTimeOffset after = DateTimeOffset.UtcNow;

        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        DateTimeOffset expiration = DateTimeOffset.Parse(json.RootElement.GetProperty("Expiration").GetString()!, CultureInfo.InvariantCulture);

        // SDKs fetch again 15 min before Expiration: that must fall after the sidecar's next refresh (interval + 10% jitter).
        Assert.InRange(expiration - TimeSpan.FromMinutes(15), before.AddSeconds(-1) + (CredentialsHost.Refresh * 1.1), after + (CredentialsHost.Refresh * 1.1) + TimeSpan.FromMinutes(1));
        Assert.False(json.RootElement.TryGetProperty("AccountId", out _));
    }

    [Fact]
    public async Task A_rotated_secret_is_served_from_the_next_generation_on()
    {
        long generation = _host.Engine.Current.Number;
        _host.SetSecret("s3keys", SessionKeys.Replace("ASIAFIRST", "ASIASECOND", StringComparison.Ordinal).Replace("token-1", "token-2", StringComparison.Ordinal));
        await _host.Engine.WaitForGenerationAsync(generation, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        using HttpResponseMessage response = await _host.GetAuthorizedAsync("minio");

        string body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"AccessKeyId\":\"ASIASECOND\"", body, StringComparison.Ordinal);
        Assert.Contains("\"Token\":\"token-2\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_term_keys_are_refused_with_503_unless_the_set_allows_them()
    {
        using HttpResponseMessage refused = await _host.GetAuthorizedAsync("longterm");
        using HttpResponseMessage allowed = await _host.GetAuthorizedAsync("longterm-ok");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        string problem = await CredentialsHost.DetailAsync(refused);
        Assert.DoesNotContain("long/secret", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Credential set 'longterm': secret 'longterm' holds long-term keys", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("long/secret", problem, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("\"AccessKeyId\":\"AKIALONG\",\"SecretAccessKey\":\"long/secret\",\"Token\":\"\"", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("broken", "secret 'broken' does not hold AWS access-key JSON", "it has no SecretAccessKey", "not-the-right-member-s3cr3t")]
    [InlineData("nokeys", "secret 'nokeys' does not hold AWS access-key JSON", "it is not JSON", "s3cr3t")]
    public async Task A_value_that_is_not_access_key_json_is_a_503_problem_naming_the_set_never_the_value(string set, string names, string why, string value)
    {
        using HttpResponseMessage response = await _host.GetAuthorizedAsync(set);
        using HttpResponseMessage other = await _host.GetAuthorizedAsync("minio");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", CredentialsHost.ContentType(response)?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        string problem = await CredentialsHost.DetailAsync(response);
        Assert.DoesNotContain(value, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"Credential set '{set}': {names}", problem, StringComparison.Ordinal);
        Assert.Contains(why, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(value, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIABROKEN", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Expired_keys_are_never_served()
    {
        using HttpResponseMessage response = await _host.GetAuthorizedAsync("expired");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        string problem = await CredentialsHost.DetailAsync(response);
        Assert.Contains("Credential set 'expired': the keys in secret 'expired' have expired", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("ASIAOLD", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_set_whose_secret_has_not_loaded_is_503_with_retry_after()
    {
        using HttpResponseMessage response = await _host.GetAuthorizedAsync("absent");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Contains("Credential set 'absent': secret 'absent' has not been loaded yet", await CredentialsHost.DetailAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_set_is_404()
    {
        using HttpResponseMessage response = await _host.GetAuthorizedAsync("nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No credential set is named 'nope'", await CredentialsHost.DetailAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serving_is_audited_by_set_and_access_key_id_never_the_secret_key()
    {
        using HttpResponseMessage response = await _host.GetAuthorizedAsync("minio");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(_host.Logs.Entries, e => e.EventId.Id == 4150 && e.Message.Contains("Credential set minio served (access key ASIA", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Entries, e => e.Message.Contains("first/secret", StringComparison.Ordinal) || e.Message.Contains("token-1", StringComparison.Ordinal));
    }
}
