using SecretBroker.Backends;
using SecretBroker.Emulators.Vault;
using SecretBroker.Vault.Tests.Infrastructure;
using static SecretBroker.Vault.Tests.Infrastructure.Definitions;

namespace SecretBroker.Vault.Tests.Login;

/// <summary>Login with the kubernetes and jwt methods against the emulator, which checks the projected token's signature, audience and subject.</summary>
public sealed class LoginTests
{
    [Theory]
    [InlineData(VaultAuthMethod.Kubernetes, "auth/kubernetes/login")]
    [InlineData(VaultAuthMethod.Jwt, "auth/jwt/login")]
    public async Task Each_method_logs_in_once_at_its_mount_and_reads_with_the_token(VaultAuthMethod method, string path)
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        cloud.WriteKv2("app/db", """{"password":"p1"}""");
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler, o => o.AuthMethod = method);

        IReadOnlyList<SecretFetchResult> first = await backend.FetchAsync([Secret("db", "secret/data/app/db", key: "password")], default);
        IReadOnlyList<SecretFetchResult> second = await backend.FetchAsync([Secret("db", "secret/data/app/db", key: "password")], default);

        Assert.Equal("p1", System.Text.Encoding.UTF8.GetString(Assert.Single(second).Value.Span));
        Assert.True(first[0].Succeeded);
        Assert.Equal(1, handler.Count("POST", path));
        Assert.Equal(path, Assert.Single(cloud.Vault.Tokens()).Path);
        Assert.All(handler.Requests, r => Assert.Equal("true", r.VaultRequest));
        Assert.All(handler.Requests.Where(r => r.Path != path), r => Assert.True(r.HasToken));
        Assert.False(handler.Requests.Single(r => r.Path == path).HasToken);
    }

    [Fact]
    public async Task A_configured_mount_is_where_the_login_goes()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync(o => o.Vault.AuthMounts["k8s/prod"] = "kubernetes");
        cloud.WriteKv2("app/db", """{"password":"p1"}""");
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler, o => o.AuthMount = "k8s/prod");

        Assert.True((await backend.FetchAsync([Secret("db", "secret/data/app/db")], default))[0].Succeeded);

        Assert.Equal(1, handler.Count("POST", "auth/k8s/prod/login"));
    }

    [Fact]
    public async Task The_token_file_is_read_again_at_every_login()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        cloud.WriteKv2("app/db", """{"password":"p1"}""");
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);
        Assert.True((await backend.FetchAsync([Secret("db", "secret/data/app/db")], default))[0].Succeeded);
        string good = await File.ReadAllTextAsync(cloud.Cloud.VaultToken.Path);

        // The kubelet wrote something Vault refuses: the next login must present it (and be denied)...
        await File.WriteAllTextAsync(cloud.Cloud.VaultToken.Path, "not-a-jwt");
        cloud.Vault.RevokeToken(cloud.Vault.Tokens().Single().Id);
        SecretFetchResult denied = Assert.Single(await backend.FetchAsync([Secret("db", "secret/data/app/db")], default));

        // ...and once it holds a good token again, the one after logs in.
        cloud.Clock.Advance(TimeSpan.FromSeconds(20));
        await File.WriteAllTextAsync(cloud.Cloud.VaultToken.Path, good);
        SecretFetchResult again = Assert.Single(await backend.FetchAsync([Secret("db", "secret/data/app/db")], default));

        Assert.False(denied.Succeeded);
        Assert.Contains("auth/kubernetes/login: permission denied (403)", denied.Error!.Message, StringComparison.Ordinal);
        Assert.True(again.Succeeded);
        Assert.Equal(2, cloud.Count("VaultLogin", "ok"));
    }

    [Fact]
    public async Task An_unknown_role_is_a_permanent_login_failure()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler, o => o.Role = "nobody");

        SecretFetchResult result = Assert.Single(await backend.FetchAsync([Secret("db", "secret/data/app/db")], default));

        Assert.Equal(SecretErrorKind.Permanent, result.Error!.Kind);
        Assert.Contains("vault backend 'vault': POST auth/kubernetes/login: invalid request (400)", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_namespace_goes_with_every_request_and_scopes_what_is_read()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        cloud.WriteKv2("app/db", """{"password":"team"}""", ns: "team-a");
        using var handler = new CountingHandler();
        await using VaultBackend inTeam = cloud.Backend(handler, o => o.Namespace = "team-a/");
        using var rootHandler = new CountingHandler();
        await using VaultBackend inRoot = cloud.Backend(rootHandler);

        SecretFetchResult found = Assert.Single(await inTeam.FetchAsync([Secret("db", "secret/data/app/db", key: "password")], default));
        SecretFetchResult missing = Assert.Single(await inRoot.FetchAsync([Secret("db", "secret/data/app/db", key: "password")], default));

        Assert.Equal("team", System.Text.Encoding.UTF8.GetString(found.Value.Span));
        Assert.All(handler.Requests, r => Assert.Equal("team-a", r.Namespace));
        Assert.All(rootHandler.Requests, r => Assert.Null(r.Namespace));
        Assert.Equal(SecretErrorKind.Permanent, missing.Error!.Kind);
        Assert.Equal("team-a", Assert.Single(cloud.Vault.Tokens(), t => t.Namespace == "team-a").Namespace);
    }

    [Fact]
    public async Task Describe_names_address_namespace_method_mount_role_and_the_token_ttl_but_never_the_token()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        cloud.WriteKv2("app/db", """{"password":"p1"}""");
        using var handler = new CountingHandler();
        VaultOptions options = cloud.Options();
        options.Namespace = "team-a";
        await using VaultBackend backend = cloud.Backend(handler, o => o.Namespace = "team-a");
        cloud.WriteKv2("app/db", """{"password":"p1"}""", ns: "team-a");

        string before = VaultBackendType.Instance.Describe(options, backend)!;
        await backend.FetchAsync([Secret("db", "secret/data/app/db")], default);
        string after = VaultBackendType.Instance.Describe(options, backend)!;

        Assert.Equal($"vault {cloud.Cloud.VaultUrl} namespace=team-a auth=kubernetes mount=kubernetes role=sidecar (not logged in)", before);
        Assert.Equal($"vault {cloud.Cloud.VaultUrl} namespace=team-a auth=kubernetes mount=kubernetes role=sidecar token-ttl=3600s renewable=yes", after);
        Assert.DoesNotContain(Assert.Single(cloud.Vault.Tokens()).Id, after, StringComparison.Ordinal);
    }
}
