using System.Text;
using SecretBroker.Backends;
using SecretBroker.Vault.Tests.Infrastructure;
using static SecretBroker.Vault.Tests.Infrastructure.Definitions;

namespace SecretBroker.Vault.Tests.Kv;

/// <summary>KV v2: the metadata probe, only what moved fetched, pinned versions, read groups, keys and the whole data object.</summary>
public sealed class KvV2Tests
{
    private static string Text(SecretFetchResult result) => Encoding.UTF8.GetString(result.Value.Span);

    [Fact]
    public async Task A_cycle_for_N_secrets_costs_N_metadata_probes_and_only_the_changed_secret_is_read()
    {
        const int N = 5;
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        SecretDefinition[] secrets = [.. Enumerable.Range(0, N).Select(i => Secret($"s{i}", $"secret/data/app/s{i}", key: "v"))];
        for (int i = 0; i < N; i++)
        {
            cloud.WriteKv2($"app/s{i}", $$"""{"v":"one-{{i}}"}""");
        }

        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);
        IReadOnlyList<SecretFetchResult> loaded = await backend.FetchAsync(secrets, default);
        handler.Clear();

        cloud.WriteKv2("app/s3", """{"v":"two-3"}""");
        IReadOnlyList<SecretVersionProbe> probed = await backend.ProbeAsync(secrets, default);
        SecretDefinition[] moved = [.. secrets.Where(s => probed.Single(p => p.Name == s.Name).Version != loaded.Single(l => l.Name == s.Name).Version)];
        IReadOnlyList<SecretFetchResult> fetched = await backend.FetchAsync(moved, default);

        Assert.All(loaded, r => Assert.Equal("1", r.Version));
        Assert.Equal(["s3"], moved.Select(s => s.Name));
        Assert.Equal("two-3", Text(Assert.Single(fetched)));
        Assert.Equal("2", fetched[0].Version);
        Assert.Equal(N, handler.Count("GET", "secret/metadata/"));
        Assert.Equal(1, handler.Count("GET", "secret/data/"));
        Assert.Equal(N + 1, handler.Requests.Count);
    }

    [Fact]
    public async Task Fields_of_one_path_come_from_one_read_with_one_version()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        cloud.WriteKv2("app/db", """{"user":"app","password":"p1"}""");
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);

        IReadOnlyList<SecretFetchResult> results = await backend.FetchAsync(
            [Secret("user", "secret/data/app/db", key: "user"), Secret("password", "secret/data/app/db", key: "password"), Secret("all", "secret/data/app/db")],
            default);
        IReadOnlyList<SecretVersionProbe> probes = await backend.ProbeAsync([Secret("user", "secret/data/app/db", key: "user"), Secret("password", "secret/data/app/db", key: "password")], default);

        Assert.Equal("app", Text(results.Single(r => r.Name == "user")));
        Assert.Equal("p1", Text(results.Single(r => r.Name == "password")));
        Assert.Equal("""{"user":"app","password":"p1"}""", Text(results.Single(r => r.Name == "all")));
        Assert.All(results, r => Assert.Equal("1", r.Version));
        Assert.All(probes, p => Assert.Equal("1", p.Version));
        Assert.Equal(1, handler.Count("GET", "secret/data/"));
        Assert.Equal(1, handler.Count("GET", "secret/metadata/"));
    }

    [Fact]
    public async Task A_pinned_version_is_read_with_its_query_once_and_then_probed_without_a_request()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        cloud.WriteKv2("app/db", """{"password":"p1"}""");
        cloud.WriteKv2("app/db", """{"password":"p2"}""");
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);
        SecretDefinition pinned = Secret("db", "secret/data/app/db", key: "password", version: "1");

        IReadOnlyList<SecretVersionProbe> before = await backend.ProbeAsync([pinned], default);
        SecretFetchResult read = Assert.Single(await backend.FetchAsync([pinned], default));
        int afterRead = handler.Requests.Count;
        IReadOnlyList<SecretVersionProbe> after = await backend.ProbeAsync([pinned], default);

        Assert.Null(Assert.Single(before).Version);
        Assert.Equal(("p1", "1"), (Text(read), read.Version));
        Assert.Equal("?version=1", handler.Requests.Single(r => r.Path == "secret/data/app/db").Query);
        Assert.Equal("1", Assert.Single(after).Version);
        Assert.Equal(afterRead, handler.Requests.Count);
        Assert.Equal(0, handler.Count("GET", "secret/metadata/"));
    }

    [Fact]
    public async Task A_missing_path_a_deleted_version_and_a_missing_key_are_permanent_and_name_no_value()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        cloud.WriteKv2("app/gone", """{"password":"CANARY-kv-gone"}""");
        cloud.Vault.DeleteKv2Latest(string.Empty, "app/gone");
        cloud.WriteKv2("app/db", """{"password":"CANARY-kv-db"}""");
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);

        IReadOnlyList<SecretFetchResult> results = await backend.FetchAsync(
            [Secret("missing", "secret/data/app/none"), Secret("gone", "secret/data/app/gone"), Secret("nokey", "secret/data/app/db", key: "user")],
            default);

        Assert.All(results, r => Assert.Equal(SecretErrorKind.Permanent, r.Error!.Kind));
        Assert.Contains("vault backend 'vault': GET secret/data/app/none: not found (404)", results.Single(r => r.Name == "missing").Error!.Message, StringComparison.Ordinal);
        Assert.Contains("not found (404)", results.Single(r => r.Name == "gone").Error!.Message, StringComparison.Ordinal);
        Assert.Contains("has no key 'user'", results.Single(r => r.Name == "nokey").Error!.Message, StringComparison.Ordinal);
        Assert.All(results, r => Assert.DoesNotContain("CANARY", r.Error!.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_probe_of_a_missing_path_is_unknown_and_metadata_denied_falls_back_to_reading_without_asking_again()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        cloud.WriteKv2("app/db", """{"password":"p1"}""");
        using var handler = new CountingHandler
        {
            Intercept = r => r.RequestUri!.AbsolutePath.StartsWith("/v1/secret/metadata/app/db", StringComparison.Ordinal)
                ? CountingHandler.Json(System.Net.HttpStatusCode.Forbidden, """{"errors":["1 error occurred:\n\t* permission denied\n\n"]}""")
                : null,
        };
        await using VaultBackend backend = cloud.Backend(handler);

        IReadOnlyList<SecretVersionProbe> first = await backend.ProbeAsync([Secret("db", "secret/data/app/db"), Secret("none", "secret/data/app/none")], default);
        IReadOnlyList<SecretVersionProbe> second = await backend.ProbeAsync([Secret("db", "secret/data/app/db")], default);

        Assert.All(first, p => Assert.Null(p.Version));
        Assert.Null(Assert.Single(second).Version);
        Assert.Equal(1, handler.Count("GET", "secret/metadata/app/db"));
        Assert.Equal(1, handler.Count("GET", "auth/token/lookup-self"));
    }
}
