using System.Net;
using SecretBroker.Backends;
using SecretBroker.Vault.Tests.Infrastructure;
using static SecretBroker.Vault.Tests.Infrastructure.Definitions;

namespace SecretBroker.Vault.Tests.Tokens;

/// <summary>A 403: a revoked token gets one re-login and one retry, never a loop; a path the policy denies stays denied with no login.</summary>
public sealed class RevokedTokenTests
{
    private static HttpResponseMessage Denied() => CountingHandler.Json(HttpStatusCode.Forbidden, """{"errors":["permission denied"]}""");

    [Fact]
    public async Task A_revoked_token_is_replaced_by_one_login_and_the_read_retried_once()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        cloud.WriteKv2("app/db", """{"password":"p1"}""");
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);
        await backend.FetchAsync([Secret("db", "secret/data/app/db")], default);
        cloud.Vault.RevokeToken(Assert.Single(cloud.Vault.Tokens()).Id);

        SecretFetchResult result = Assert.Single(await backend.FetchAsync([Secret("db", "secret/data/app/db")], default));

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(2, handler.Count("POST", "auth/kubernetes/login"));
        Assert.Equal(1, handler.Count("GET", "auth/token/lookup-self"));
        Assert.Equal(3, handler.Count("GET", "secret/data/app/db"));
    }

    [Fact]
    public async Task When_the_new_token_is_refused_too_the_read_fails_after_one_login_not_a_storm()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        using var handler = new CountingHandler
        {
            Intercept = r => r.RequestUri!.AbsolutePath.StartsWith("/v1/secret/", StringComparison.Ordinal)
                || r.RequestUri.AbsolutePath.EndsWith("lookup-self", StringComparison.Ordinal) ? Denied() : null,
        };
        await using VaultBackend backend = cloud.Backend(handler);

        SecretFetchResult result = Assert.Single(await backend.FetchAsync([Secret("db", "secret/data/app/db")], default));

        Assert.Equal(SecretErrorKind.Permanent, result.Error!.Kind);
        Assert.Contains("permission denied (403)", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(2, handler.Count("POST", "auth/kubernetes/login"));
        Assert.Equal(2, handler.Count("GET", "secret/data/app/db"));
    }

    [Fact]
    public async Task A_path_the_policy_denies_is_permanent_and_costs_no_login()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        using var handler = new CountingHandler
        {
            Intercept = r => r.RequestUri!.AbsolutePath == "/v1/secret/data/app/denied" ? Denied() : null,
        };
        await using VaultBackend backend = cloud.Backend(handler);

        SecretFetchResult result = Assert.Single(await backend.FetchAsync([Secret("db", "secret/data/app/denied")], default));

        Assert.Equal(SecretErrorKind.Permanent, result.Error!.Kind);
        Assert.Equal("vault backend 'vault': GET secret/data/app/denied: permission denied (403)", result.Error.Message);
        Assert.Equal(1, handler.Count("POST", "auth/kubernetes/login"));
        Assert.Equal(1, handler.Count("GET", "auth/token/lookup-self"));
    }
}
