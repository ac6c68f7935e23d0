using Microsoft.Extensions.Time.Testing;

using SecretBroker.Emulators;

namespace SecretBroker.Azure.Tests.Fakes;

/// <summary>
/// The Entra and Key Vault emulators in-process, on a fake clock an hour behind the real one (so a <c>Date</c> header,
/// which Kestrel writes from the real clock, is always seconds after any <c>updated</c> time), with the pod
/// environment AKS's webhook would inject, and backends wired to them through a <see cref="RecordingHandler"/>.
/// </summary>
internal sealed class AzureTestCloud : IAsyncDisposable
{
    private readonly DirectoryInfo _dir;

    private AzureTestCloud(DirectoryInfo dir, LocalCloud cloud, FakeTimeProvider clock)
    {
        _dir = dir;
        Cloud = cloud;
        Clock = clock;
    }

    public LocalCloud Cloud { get; }

    public FakeTimeProvider Clock { get; }

    public Emulators.Azure.KeyVault.VaultStore Vault => Cloud.Azure.Vault;

    /// <summary>The variables the AKS webhook injects, pointing at the emulators.</summary>
    public Dictionary<string, string> Environment => new(StringComparer.Ordinal)
    {
        ["AZURE_CLIENT_ID"] = Cloud.Options.Entra.ClientId,
        ["AZURE_TENANT_ID"] = Cloud.Options.Entra.TenantId,
        ["AZURE_FEDERATED_TOKEN_FILE"] = Cloud.Azure.Token.Path,
        ["AZURE_AUTHORITY_HOST"] = Cloud.EntraUrl.ToString(),
    };

    public static async Task<AzureTestCloud> StartAsync(Action<LocalCloudOptions>? configure = null)
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("sb-azure-cloud-");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var options = new LocalCloudOptions { StateDirectory = dir.FullName, TimeProvider = clock };
        configure?.Invoke(options);
        return new AzureTestCloud(dir, await LocalCloud.StartAsync(options), clock);
    }

    public RecordingHandler Handler() => new(Cloud.CaCertificatePath, Cloud.EntraUrl);

    /// <summary>A backend on the cloud's vault and clock, with the webhook's environment (changed by <paramref name="environment"/>).</summary>
    public AzureKeyVaultBackend Backend(RecordingHandler handler, AzureRefreshMode mode = AzureRefreshMode.Get, Action<AzureKeyVaultOptions>? configure = null, Action<Dictionary<string, string>>? environment = null)
    {
        var options = new AzureKeyVaultOptions { VaultUri = Cloud.KeyVaultUrl, RefreshMode = mode };
        configure?.Invoke(options);
        Dictionary<string, string> env = Environment;
        environment?.Invoke(env);
        return new AzureKeyVaultBackend(options, name => env.GetValueOrDefault(name), handler, Clock, credential: null);
    }

    /// <summary>Moves the vault's clock on, so the next version written has a later <c>updated</c> second.</summary>
    public void Tick() => Clock.Advance(TimeSpan.FromSeconds(2));

    public async ValueTask DisposeAsync()
    {
        await Cloud.DisposeAsync();
        _dir.Delete(recursive: true);
    }
}
