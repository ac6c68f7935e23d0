using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>AddSecretBrokerSidecar in files mode, fed by the real sidecar: a rotation reaches IConfiguration.</summary>
public sealed class ProviderFilesModeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_rotation_delivered_by_the_sidecar_fires_the_reload_token_and_updates_the_key()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("huggingface--token", "hf_first");
        var config = setup.WriteConfig(["huggingface--token"], TimeSpan.FromMilliseconds(200));
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("huggingface--token") == "hf_first", TimeSpan.FromSeconds(20), "the first delivery");

        using var configuration = (ConfigurationRoot)new ConfigurationBuilder()
            .AddSecretBrokerSidecar(s => { s.SecretsDirectory = setup.OutputDirectory; s.PollInterval = TimeSpan.FromMilliseconds(100); })
            .Build();
        Assert.Equal("hf_first", configuration["huggingface:token"]);
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        configuration.GetReloadToken().RegisterChangeCallback(_ => reloaded.TrySetResult(), null);

        var watch = Stopwatch.StartNew();
        setup.SetSource("huggingface--token", "hf_second");
        await Eventually.HoldsAsync(() => setup.ReadOutput("huggingface--token") == "hf_second", TimeSpan.FromSeconds(10), "the sidecar to publish the rotation");
        var published = watch.Elapsed;
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(5));
        output.WriteLine($"sidecar published after {published.TotalMilliseconds:0} ms; provider reloaded after {watch.Elapsed.TotalMilliseconds:0} ms");

        Assert.Equal("hf_second", configuration["huggingface:token"]);
        Assert.True(watch.Elapsed - published < TimeSpan.FromSeconds(1), "the provider took more than 1 s after the sidecar published");
    }
}
