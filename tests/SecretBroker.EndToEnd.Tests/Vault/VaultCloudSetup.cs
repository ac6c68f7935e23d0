using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SecretBroker.Emulators;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Vault;

/// <summary>
/// The local cloud started in-process, a tmpfs output directory and a config for one <c>vault</c> backend named
/// <c>vault</c> pointed at the Vault emulator (plain HTTP on loopback), logging in with the Kubernetes method as the
/// emulator's default role <c>sidecar</c> with the pod's projected token (audience <c>vault</c>). The KV v2 secret
/// <c>secret/inference/huggingface</c> is delivered as <c>hf-token</c> (field <c>token</c>); with <c>database</c>, the
/// dynamic <c>database/creds/readonly</c> as <c>db-username</c> and <c>db-password</c> (one lease).
/// </summary>
internal sealed class VaultCloudSetup : LocalCloudSetup
{
    public const string SecretName = "hf-token";
    public const string KvPath = "inference/huggingface";
    public const string Role = "sidecar";

    private VaultCloudSetup(LocalCloud cloud, TempDirectory state)
        : base(cloud, state)
    {
    }

    public override string OutputFile => Path.Combine(OutputDirectory, SecretName);

    /// <summary>Starts the local cloud; <paramref name="configure"/> may shorten token or lease lifetimes before it starts.</summary>
    public static async Task<VaultCloudSetup> StartAsync(Action<LocalCloudOptions>? configure = null)
    {
        (LocalCloud cloud, TempDirectory state) = await StartCloudAsync(configure);
        return new VaultCloudSetup(cloud, state);
    }

    /// <summary>Writes a new KV v2 version of the Hugging Face secret; returns its version number.</summary>
    public int PutToken(string value) => Cloud.Vault.WriteKv2(string.Empty, KvPath, new JsonObject { ["token"] = value }).Version;

    /// <summary>The Vault role's token lifetimes (the next login gets them).</summary>
    public void SetTokenLifetimes(TimeSpan ttl, TimeSpan maxTtl)
    {
        lock (Cloud.Vault.Gate)
        {
            Cloud.Vault.Options.KubernetesRoles[Role] = Cloud.Vault.Options.KubernetesRoles[Role] with { TokenTtl = ttl, TokenMaxTtl = maxTtl };
        }
    }

    /// <summary>The database role's lease lifetimes (the next read gets them).</summary>
    public void SetLeaseLifetimes(TimeSpan ttl, TimeSpan maxTtl)
    {
        lock (Cloud.Vault.Gate)
        {
            Cloud.Vault.Options.DatabaseRoles["readonly"] = new Emulators.Vault.DynamicRole { DefaultTtl = ttl, MaxTtl = maxTtl };
        }
    }

    /// <summary>Writes the config: <c>hf-token</c> always, the database pair with <paramref name="database"/>.</summary>
    public string WriteConfig(TimeSpan? refresh = null, bool database = false, bool socket = false, bool http = false, bool revokeOnShutdown = false)
    {
        StringBuilder yaml = new StringBuilder()
            .AppendLine("backends:")
            .AppendLine("  vault:")
            .AppendLine("    type: vault")
            .AppendLine(CultureInfo.InvariantCulture, $"    address: {Cloud.VaultUrl}")
            .AppendLine("    auth:")
            .AppendLine("      method: kubernetes")
            .AppendLine(CultureInfo.InvariantCulture, $"      role: {Role}")
            .AppendLine(CultureInfo.InvariantCulture, $"      tokenFile: {Cloud.VaultToken.Path}")
            .AppendLine(CultureInfo.InvariantCulture, $"    revokeOnShutdown: {(revokeOnShutdown ? "true" : "false")}")
            .AppendLine("secrets:")
            .AppendLine(CultureInfo.InvariantCulture, $"  - name: {SecretName}")
            .AppendLine("    backend: vault")
            .AppendLine(CultureInfo.InvariantCulture, $"    id: secret/data/{KvPath}")
            .AppendLine("    key: token")
            .AppendLine(CultureInfo.InvariantCulture, $"    refresh: {(int)(refresh ?? TimeSpan.FromSeconds(1)).TotalMilliseconds}ms");
        if (database)
        {
            foreach (string field in new[] { "username", "password" })
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"  - name: db-{field}")
                    .AppendLine("    backend: vault")
                    .AppendLine("    id: database/creds/readonly")
                    .AppendLine(CultureInfo.InvariantCulture, $"    key: {field}");
            }
        }

        return WriteWithOutputs(yaml, socket, http);
    }

    /// <summary>Vault requests so far answered with <paramref name="outcome"/> (every outcome when null), for one operation or all.</summary>
    public long VaultRequests(string? operation = null, string? outcome = null) => Cloud.Counters.Snapshot()
        .Where(o => operation is null ? o.Key.StartsWith("vault.", StringComparison.Ordinal) : o.Key == "vault." + operation)
        .Sum(o => outcome is null ? o.Value.Values.Sum() : o.Value.GetValueOrDefault(outcome));

    /// <summary>
    /// The database pair as one reader sees it: both files read through one resolution of <c>..data</c>, so they come
    /// from one generation (what an app reading <c>..data/…</c> or reopening after an inotify event gets).
    /// </summary>
    public (string User, string Password)? ReadDatabasePair()
    {
        try
        {
            string generation = Path.Combine(OutputDirectory, Directory.ResolveLinkTarget(Path.Combine(OutputDirectory, "..data"), returnFinalTarget: false)!.ToString());
            return (File.ReadAllText(Path.Combine(generation, "db-username")), File.ReadAllText(Path.Combine(generation, "db-password")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NullReferenceException)
        {
            return null; // not there yet, or a generation retired between the resolution and the read
        }
    }

    /// <summary>Everything that must never appear in the sidecar's output: canaries, Vault tokens, projected tokens, passwords.</summary>
    public IReadOnlyList<(string What, string Needle)> Needles()
    {
        List<(string, string)> needles = [("a canary value", VaultCanary.Prefix), ("the projected token", Cloud.VaultToken.Current)];
        needles.Add(("the projected token's signature", Cloud.VaultToken.Current[(Cloud.VaultToken.Current.LastIndexOf('.') + 1)..]));
        needles.AddRange(Cloud.Vault.Tokens().Select(t => ("a Vault token", t.Id)));
        needles.AddRange(Cloud.Vault.Leases().Select(l => ("a database password", l.Password)));
        return needles;
    }

    public void AssertNoLeak(string output)
    {
        Assert.NotEmpty(Cloud.Vault.Tokens());
        foreach ((string what, string needle) in Needles())
        {
            Assert.False(output.Contains(needle, StringComparison.Ordinal), $"{what} appears in the output");
        }
    }
}

/// <summary>Canary values for the Vault tests: one prefix, so one search finds any of them.</summary>
internal static class VaultCanary
{
    public const string Prefix = "vault_canary";

    public static string New(string label) => $"{Prefix}_{label}_MUST_NOT_BE_LOGGED_{Guid.NewGuid():N}";
}
