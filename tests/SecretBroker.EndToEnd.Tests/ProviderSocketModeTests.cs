using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>AddSecretBrokerSidecar in socket mode against the real sidecar: long-poll reloads and a sidecar restart.</summary>
public sealed class ProviderSocketModeTests(ITestOutputHelper output) : IDisposable
{
    private readonly LocalSidecarSetup _setup = new();
    private readonly TempDirectory _run = TempDirectory.OnTmpfs();

    private string SocketPath => _run.Combine("broker.sock");

    public void Dispose()
    {
        _run.Dispose();
        _setup.Dispose();
    }

    [Fact]
    public async Task A_rotation_reaches_IConfiguration_within_one_second_of_the_sidecar_publishing_it()
    {
        _setup.SetSource("huggingface--token", "hf_socket_first");
        await using var sidecar = await StartSidecarAsync();
        using var configuration = BuildConfiguration();
        Assert.Equal("hf_socket_first", configuration["huggingface:token"]);
        Task reloaded = ReloadOf(configuration);

        _setup.SetSource("huggingface--token", "hf_socket_second");
        await Eventually.HoldsAsync(() => _setup.ReadOutput("huggingface--token") == "hf_socket_second", TimeSpan.FromSeconds(10), "the sidecar to publish the rotation");
        var published = Stopwatch.StartNew();
        await reloaded.WaitAsync(TimeSpan.FromSeconds(5));
        output.WriteLine($"provider reloaded {published.Elapsed.TotalMilliseconds:0} ms after the files output showed the rotation");

        Assert.Equal("hf_socket_second", configuration["huggingface:token"]);
        Assert.True(published.Elapsed < TimeSpan.FromSeconds(1), $"{published.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task After_a_sidecar_restart_the_provider_reconnects_and_catches_up_keeping_the_last_value_meanwhile()
    {
        _setup.SetSource("huggingface--token", "hf_before_restart");
        var first = await StartSidecarAsync();
        using var configuration = BuildConfiguration();
        Assert.Equal("hf_before_restart", configuration["huggingface:token"]);

        first.KillHard();
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await first.DisposeAsync();
        _setup.SetSource("huggingface--token", "hf_after_restart");
        await Task.Delay(300); // the provider is now failing to reach the socket and backing off
        Assert.Equal("hf_before_restart", configuration["huggingface:token"]);

        await using var second = await StartSidecarAsync();
        await Eventually.HoldsAsync(() => configuration["huggingface:token"] == "hf_after_restart", TimeSpan.FromSeconds(15), "the provider to catch up with the restarted sidecar");
    }

    private async Task<SidecarProcess> StartSidecarAsync()
    {
        var config = _setup.WriteConfig(["huggingface--token"], TimeSpan.FromMilliseconds(200), extraFilesKeys: string.Create(CultureInfo.InvariantCulture,
            $"  socket:\n    path: {SocketPath}"));
        var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));
        await Eventually.HoldsAsync(() => File.Exists(SocketPath), TimeSpan.FromSeconds(10), "the socket");
        return sidecar;
    }

    private ConfigurationRoot BuildConfiguration() => (ConfigurationRoot)new ConfigurationBuilder()
        .AddSecretBrokerSidecar(s =>
        {
            s.SocketPath = SocketPath;
            s.LongPollWait = TimeSpan.FromSeconds(30);
            s.RetryInitial = TimeSpan.FromMilliseconds(50);
            s.RetryMax = TimeSpan.FromMilliseconds(500);
        })
        .Build();

    private static Task ReloadOf(ConfigurationRoot configuration)
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        configuration.GetReloadToken().RegisterChangeCallback(_ => fired.TrySetResult(), null);
        return fired.Task;
    }
}
