using System.Globalization;
using System.Text;
using SecretBroker.Emulators;
using SecretBroker.Emulators.Faults;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Azure;

/// <summary>
/// The local cloud started in-process, a tmpfs output directory and a config for one <c>azure-key-vault</c> backend
/// named <c>kv</c> pointed at the Key Vault emulator; <see cref="WorkloadIdentityEnvironment"/> is what the AKS
/// workload-identity webhook would inject into the pod (plus <c>SSL_CERT_FILE</c>, the run's CA: the emulators are
/// HTTPS, as Entra and Key Vault are). Secrets are named as in Key Vault: <see cref="SecretName"/> and, for tests with
/// several, <see cref="NameOf"/>.
/// </summary>
internal sealed class AzureCloudSetup : LocalCloudSetup
{
    public const string SecretName = "hf-token";

    private readonly List<string> _projectedTokens = [];

    private AzureCloudSetup(LocalCloud cloud, TempDirectory state)
        : base(cloud, state)
    {
        _projectedTokens.Add(cloud.Azure.Token.Current);
    }

    public override string OutputFile => Path.Combine(OutputDirectory, SecretName);

    /// <summary>Every projected token the Azure volume has held in this run (what a canary scan looks for).</summary>
    public IReadOnlyList<string> ProjectedTokens => _projectedTokens;

    /// <summary>Starts the local cloud; <paramref name="configure"/> may shorten lifetimes or lower the throttle before it starts.</summary>
    public static async Task<AzureCloudSetup> StartAsync(Action<LocalCloudOptions>? configure = null)
    {
        (LocalCloud cloud, TempDirectory state) = await StartCloudAsync(configure);
        return new AzureCloudSetup(cloud, state);
    }

    /// <summary>The name of secret number <paramref name="index"/> in tests with several (0 is <see cref="SecretName"/>).</summary>
    public static string NameOf(int index) => index == 0 ? SecretName : $"model-key-{index}";

    /// <summary>
    /// The pod environment for Entra workload identity, pointed at the emulators; <paramref name="without"/> leaves
    /// variables out, <paramref name="tokenFile"/> replaces the projected token's path.
    /// </summary>
    public Dictionary<string, string> WorkloadIdentityEnvironment(string? tokenFile = null, params string[] without)
    {
        Dictionary<string, string> environment = new(StringComparer.Ordinal)
        {
            ["AZURE_CLIENT_ID"] = Cloud.Options.Entra.ClientId,
            ["AZURE_TENANT_ID"] = Cloud.Options.Entra.TenantId,
            ["AZURE_FEDERATED_TOKEN_FILE"] = tokenFile ?? Cloud.Azure.Token.Path,
            ["AZURE_AUTHORITY_HOST"] = Cloud.EntraUrl.ToString(),
            ["SSL_CERT_FILE"] = Cloud.CaCertificatePath,
        };
        foreach (string name in without)
        {
            environment.Remove(name);
        }

        return environment;
    }

    /// <summary>Stores a new version of <paramref name="name"/> in the vault (as a PUT would); returns the version.</summary>
    public string PutSecret(string value, string name = SecretName) => Cloud.Azure.Vault.Set(name, value).Version;

    /// <summary>The kubelet rotates the projected token (a new generation swapped in under <c>..data</c>); returns the new <c>jti</c>.</summary>
    public string RotateProjectedToken()
    {
        _projectedTokens.Add(Cloud.Azure.Token.Rotate());
        return Cloud.Azure.Token.CurrentId;
    }

    /// <summary>
    /// Writes the config: secrets <c>NameOf(0)</c> … <c>NameOf(count - 1)</c>, each read by its own name, in
    /// <paramref name="refreshMode"/>; files always, the socket API and the loopback listener on request.
    /// </summary>
    public string WriteConfig(string refreshMode = "get", TimeSpan? refresh = null, bool socket = false, bool http = false, int count = 1, string? backendExtra = null)
    {
        StringBuilder yaml = new StringBuilder()
            .AppendLine("backends:")
            .AppendLine("  kv:")
            .AppendLine("    type: azure-key-vault")
            .AppendLine(CultureInfo.InvariantCulture, $"    vaultUri: {Cloud.KeyVaultUrl}")
            .AppendLine("    identity: workload-identity")
            .AppendLine(CultureInfo.InvariantCulture, $"    refreshMode: {refreshMode}");
        if (backendExtra is not null)
        {
            yaml.AppendLine(backendExtra);
        }

        yaml.AppendLine("secrets:");
        for (int i = 0; i < count; i++)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - name: {NameOf(i)}")
                .AppendLine("    backend: kv")
                .AppendLine(CultureInfo.InvariantCulture, $"    id: {NameOf(i)}")
                .AppendLine(CultureInfo.InvariantCulture, $"    refresh: {(int)(refresh ?? TimeSpan.FromSeconds(1)).TotalMilliseconds}ms");
        }

        return WriteWithOutputs(yaml, socket, http);
    }

    /// <summary>Key Vault requests so far (every operation), or only those answered with <paramref name="outcome"/> (<c>ok</c>, <c>Throttled</c>, <c>fault:drop</c>…).</summary>
    public long KeyVaultRequests(string? outcome = null) => Cloud.Counters.Snapshot()
        .Where(o => o.Key.StartsWith("keyvault.", StringComparison.Ordinal))
        .Sum(o => outcome is null ? o.Value.Values.Sum() : o.Value.GetValueOrDefault(outcome));

    /// <summary>The vault's requests in order with their times, leaving out the challenge 401s (the SDK's first, token-less request).</summary>
    public IReadOnlyList<RequestRecord> KeyVaultLog() => [.. Cloud.Counters.Log("keyvault.").Where(r => r.Outcome != "Unauthorized")];

    /// <summary>Sets the vault's limit (transactions per <paramref name="window"/>); the counted transactions and the peak are forgotten.</summary>
    public void SetThrottle(int limit, TimeSpan window)
    {
        Cloud.Options.KeyVault.TransactionLimit = limit;
        Cloud.Options.KeyVault.ThrottleWindow = window;
        Cloud.Azure.Throttle.Reset();
    }
}
