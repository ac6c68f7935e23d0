using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Conversion;

/// <summary>
/// What convert prints is a config the sidecar reads: judged by the real reader, and its shape checked against the Vault
/// backend contract (briefs/vault-contract.md) key by key.
/// </summary>
public class OutputRoundTripsThroughTheConfigReaderTests
{
    // Everything that maps, except caFile and tokenFile, which the Vault backend may check on disk when it is built.
    private static readonly string FullPod = VaultConvert.Pod(
        "vault.hashicorp.com/agent-inject: \"true\"",
        "vault.hashicorp.com/role: inference",
        "vault.hashicorp.com/auth-path: auth/k8s-prod",
        "vault.hashicorp.com/namespace: team-a",
        "vault.hashicorp.com/service: \"https://vault.example:8200\"",
        "vault.hashicorp.com/agent-revoke-on-shutdown: \"true\"",
        "vault.hashicorp.com/client-timeout: 30s",
        "vault.hashicorp.com/agent-inject-secret-db-creds: database/creds/app",
        "vault.hashicorp.com/agent-inject-secret-config: secret/data/app/config",
        "vault.hashicorp.com/agent-inject-file-config: app.json",
        "vault.hashicorp.com/agent-inject-perms-config: \"0400\"",
        "vault.hashicorp.com/agent-limits-cpu: 250m");

    // The contract's keys; <name> is a backend name, [] a list item.
    private static readonly HashSet<string> ContractKeys =
    [
        "backends", "backends.<name>", "backends.<name>.type", "backends.<name>.address", "backends.<name>.namespace",
        "backends.<name>.caFile", "backends.<name>.auth", "backends.<name>.auth.method", "backends.<name>.auth.role",
        "backends.<name>.auth.mount", "backends.<name>.auth.tokenFile", "backends.<name>.revokeOnShutdown",
        "backends.<name>.requestTimeout", "secrets", "secrets[]", "secrets[].name", "secrets[].backend", "secrets[].id",
        "secrets[].key", "secrets[].version", "outputs", "outputs.files", "outputs.files.dir", "outputs.files.fileMode",
    ];

    [Fact]
    public async Task The_sidecars_reader_accepts_the_output()
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.ManifestAsync(FullPod));

        Assert.NotNull(SidecarBackendTypes.Create().Find("vault"));
        SidecarSettings settings = SidecarSettingsLoader.Parse(config, "converted.yaml", "/tmp/converted.yaml");
        Assert.Equal(["db-creds", "app.json"], settings.Secrets.Select(s => s.Name));
        Assert.Equal(["database/creds/app", "secret/data/app/config"], settings.Secrets.Select(s => s.Id));
        Assert.Equal((UnixFileMode)0b100_000_000, settings.Outputs.Files!.FileMode);
    }

    [Fact]
    public async Task Every_key_printed_is_one_of_the_contracts_and_the_required_ones_are_there()
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.ManifestAsync(FullPod.Replace(
            "    vault.hashicorp.com/agent-limits-cpu: 250m\n",
            "    vault.hashicorp.com/ca-cert: /vault/tls/ca.crt\n    vault.hashicorp.com/auth-config-token-path: /var/run/secrets/tokens/vault\n",
            StringComparison.Ordinal)));

        List<SettingsError> errors = [];
        using StringReader reader = new(config);
        SettingsNode root = YamlConfigParser.Parse(reader, errors) ?? throw new InvalidOperationException(string.Join('\n', errors));
        Assert.Empty(errors);
        Dictionary<string, string?> values = [];
        Flatten(root, string.Empty, string.Empty, values);

        Assert.All(values.Keys.Select(k => k.Split('=')[0]), key => Assert.Contains(key, ContractKeys));
        Assert.Equal("vault", values["backends.<name>.type=backends.vault.type"]);
        Assert.Equal("https://vault.example:8200", values["backends.<name>.address=backends.vault.address"]);
        Assert.Equal("kubernetes", values["backends.<name>.auth.method=backends.vault.auth.method"]);
        Assert.Equal("inference", values["backends.<name>.auth.role=backends.vault.auth.role"]);
        Assert.Equal("k8s-prod", values["backends.<name>.auth.mount=backends.vault.auth.mount"]);
        Assert.Equal("/var/run/secrets/tokens/vault", values["backends.<name>.auth.tokenFile=backends.vault.auth.tokenFile"]);
        Assert.Equal("/vault/tls/ca.crt", values["backends.<name>.caFile=backends.vault.caFile"]);
        Assert.Equal("team-a", values["backends.<name>.namespace=backends.vault.namespace"]);
        Assert.Equal("true", values["backends.<name>.revokeOnShutdown=backends.vault.revokeOnShutdown"]);
        Assert.Equal("30s", values["backends.<name>.requestTimeout=backends.vault.requestTimeout"]);
        Assert.Equal("vault", values["secrets[].backend=secrets[1].backend"]);
        Assert.Equal("0400", values["outputs.files.fileMode=outputs.files.fileMode"]);
    }

    [Fact]
    public async Task Values_from_the_pod_cannot_change_the_yamls_structure()
    {
        string config = VaultConvert.AssertConverted(await VaultConvert.AnnotationsAsync(
            "vault.hashicorp.com/agent-inject: \"true\"",
            "vault.hashicorp.com/role: \"app\\\"\\nsecrets: []\\n# x\"",
            "vault.hashicorp.com/namespace: \"a: b #c\"",
            "vault.hashicorp.com/agent-inject-secret-db: \"secret/data/db: {x: 1}\""));

        List<SettingsError> errors = [];
        using StringReader reader = new(config);
        SettingsMapping root = Assert.IsType<SettingsMapping>(YamlConfigParser.Parse(reader, errors));
        Assert.Empty(errors);
        Dictionary<string, string?> values = [];
        Flatten(root, string.Empty, string.Empty, values);
        Assert.Equal("app\"\nsecrets: []\n# x", values["backends.<name>.auth.role=backends.vault.auth.role"]);
        Assert.Equal("a: b #c", values["backends.<name>.namespace=backends.vault.namespace"]);
        Assert.Equal("secret/data/db: {x: 1}", values["secrets[].id=secrets[0].id"]);
    }

    // Keys as "<contract shape>=<actual path>", scalars' values kept.
    private static void Flatten(SettingsNode node, string shape, string path, Dictionary<string, string?> into)
    {
        switch (node)
        {
            case SettingsMapping map:
                foreach ((SettingsScalar key, SettingsNode value) in map.Entries)
                {
                    string keyShape = shape == "backends" ? "backends.<name>" : Join(shape, key.Value!);
                    string keyPath = Join(path, key.Value!);
                    into[keyShape + "=" + keyPath] = null;
                    Flatten(value, keyShape, keyPath, into);
                }

                break;
            case SettingsSequence list:
                for (int i = 0; i < list.Items.Count; i++)
                {
                    into[shape + "[]=" + path + $"[{i}]"] = null;
                    Flatten(list.Items[i], shape + "[]", path + $"[{i}]", into);
                }

                break;
            case SettingsScalar scalar:
                into[shape + "=" + path] = scalar.Value;
                break;
        }
    }

    private static string Join(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;
}
