using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Emulators;
using SecretBroker.Emulators.Vault;

namespace SecretBroker.Vault.Tests.Infrastructure;

/// <summary>
/// The Vault emulator (and the OIDC issuer that signs the pod's projected token) in-process on a fake clock, and
/// backends wired to it through a <see cref="CountingHandler"/> on the same clock.
/// </summary>
internal sealed class VaultTestCloud : IAsyncDisposable
{
    private readonly DirectoryInfo _dir;

    private VaultTestCloud(DirectoryInfo dir, LocalCloud cloud, FakeTimeProvider clock)
    {
        _dir = dir;
        Cloud = cloud;
        Clock = clock;
    }

    public LocalCloud Cloud { get; }

    public FakeTimeProvider Clock { get; }

    public VaultState Vault => Cloud.Vault;

    public static async Task<VaultTestCloud> StartAsync(Action<LocalCloudOptions>? configure = null)
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("sb-vault-cloud-");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var options = new LocalCloudOptions { StateDirectory = dir.FullName, TimeProvider = clock };
        configure?.Invoke(options);
        return new VaultTestCloud(dir, await LocalCloud.StartAsync(options), clock);
    }

    public VaultOptions Options(VaultAuthMethod method = VaultAuthMethod.Kubernetes) => new()
    {
        Address = Cloud.VaultUrl,
        AuthMethod = method,
        Role = "sidecar",
        TokenFile = Cloud.VaultToken.Path,
    };

    /// <summary>A backend on the emulator and the cloud's clock.</summary>
    public VaultBackend Backend(CountingHandler handler, Action<VaultOptions>? configure = null, string name = "vault")
    {
        VaultOptions options = Options();
        configure?.Invoke(options);
        return new VaultBackend(options, name, versionKey: null, handler, Clock);
    }

    /// <summary>Moves time on; the kubelet's projected token is refreshed as it would be (it lives an hour).</summary>
    public void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        Cloud.VaultToken.Rotate();
    }

    public void WriteKv2(string path, string json, string ns = "") => Vault.WriteKv2(ns, path, JsonNode.Parse(json)!.AsObject());

    public void WriteKv1(string path, string json, string ns = "") => Vault.WriteKv1(ns, path, JsonNode.Parse(json)!.AsObject());

    public long Count(string operation, string? outcome = null) => Cloud.Counters.Count("vault." + operation, outcome);

    public async ValueTask DisposeAsync()
    {
        await Cloud.DisposeAsync();
        _dir.Delete(recursive: true);
    }
}
