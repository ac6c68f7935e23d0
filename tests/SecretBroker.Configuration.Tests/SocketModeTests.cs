using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecretBroker.Configuration.Tests.Fakes;

namespace SecretBroker.Configuration.Tests;

/// <summary>Socket mode: keys over the sidecar's Unix socket, rotations delivered by long polls.</summary>
#pragma warning disable CA1001 // xunit disposes the fake sidecar through IAsyncLifetime.DisposeAsync.
public sealed class SocketModeTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly FakeSidecarServer _sidecar = new();

    public Task InitializeAsync() => _sidecar.StartAsync();

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    [Fact]
    public void Every_permitted_secret_loads_as_a_key()
    {
        _sidecar.Set("huggingface--token", "hf_1");
        _sidecar.Set("openai-key", "sk_1");

        using var configuration = Build();

        Assert.Equal("hf_1", configuration["huggingface:token"]);
        Assert.Equal("sk_1", configuration["openai-key"]);
    }

    [Fact]
    public async Task A_rotation_fires_the_reload_token_within_one_second()
    {
        _sidecar.Set("hf-token", "one");
        using var configuration = Build();
        await Wait.UntilAsync(() => _sidecar.Requests >= 3, "the long poll to be in place"); // list + get, then the long poll
        Task reloaded = Wait.ReloadOf(configuration);

        var rotated = Stopwatch.StartNew();
        _sidecar.Set("hf-token", "two");
        await reloaded.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(rotated.Elapsed < TimeSpan.FromSeconds(1), $"reload took {rotated.ElapsedMilliseconds} ms");
        Assert.Equal("two", configuration["hf-token"]);
    }

    [Fact]
    public async Task IOptionsMonitor_OnChange_fires_when_a_secret_rotates()
    {
        _sidecar.Set("model--key", "k1");
        using var configuration = Build();
        using var services = new ServiceCollection().Configure<ModelOptions>(configuration.GetSection("model")).BuildServiceProvider();
        var monitor = services.GetRequiredService<IOptionsMonitor<ModelOptions>>();
        Assert.Equal("k1", monitor.CurrentValue.Key);
        var changed = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = monitor.OnChange(o => changed.TrySetResult(o.Key));
        await Wait.UntilAsync(() => _sidecar.Requests >= 3, "the long poll to be in place");

        _sidecar.Set("model--key", "k2");

        Assert.Equal("k2", await changed.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_restarted_sidecar_is_reconnected_to_and_caught_up_with_nothing_thrown_to_the_host()
    {
        // Reconnects wait on the fake clock: each step below wakes one attempt and awaits it (no sleeps).
        var clock = new TestClock();
        var retryMax = TimeSpan.FromMilliseconds(200);
        _sidecar.Set("hf-token", "before");
        using var configuration = Build(clock);
        await Wait.UntilAsync(() => _sidecar.Requests >= 3, "the long poll to be in place");

        await _sidecar.StopAsync();
        Assert.Equal("before", configuration["hf-token"]); // last good data while the sidecar is down
        await configuration.NextPollAsync(clock, within: retryMax); // a reconnect attempt while down
        Assert.Equal("before", configuration["hf-token"]);

        _sidecar.Set("hf-token", "after");
        _sidecar.Ready = false;
        await _sidecar.StartAsync();
        await configuration.NextPollAsync(clock, within: retryMax); // reaches it, but it is still loading
        Assert.Equal("before", configuration["hf-token"]); // restarting (not ready): still the last good data

        _sidecar.Ready = true;
        await configuration.UntilAsync(clock, retryMax, () => configuration["hf-token"] == "after");
    }

    [Fact]
    public void An_unreachable_sidecar_fails_the_first_load_unless_optional()
    {
        string missing = $"/dev/shm/sb-nosock-{Guid.NewGuid():N}.sock";

        Assert.ThrowsAny<Exception>(() => new ConfigurationBuilder().AddSecretBrokerSidecar(s => s.SocketPath = missing).Build());
        using var optional = (ConfigurationRoot)new ConfigurationBuilder().AddSecretBrokerSidecar(s => { s.SocketPath = missing; s.Optional = true; }).Build();
        Assert.Empty(optional.AsEnumerable());
    }

    [Fact]
    public void The_socket_comes_from_SECRETBROKER_SOCKET_when_not_set()
    {
        _sidecar.Set("hf-token", "from-env");

        using var configuration = (ConfigurationRoot)new ConfigurationBuilder()
            .Add(new SecretBrokerSidecarConfigurationSource { GetEnvironmentVariable = n => n == "SECRETBROKER_SOCKET" ? _sidecar.SocketPath : null })
            .Build();

        Assert.Equal("from-env", configuration["hf-token"]);
    }

    private ConfigurationRoot Build(TimeProvider? clock = null) => (ConfigurationRoot)new ConfigurationBuilder()
        .AddSecretBrokerSidecar(s =>
        {
            s.SocketPath = _sidecar.SocketPath;
            s.LongPollWait = TimeSpan.FromSeconds(30);
            s.RetryInitial = TimeSpan.FromMilliseconds(20);
            s.RetryMax = TimeSpan.FromMilliseconds(200);
            s.TimeProvider = clock ?? TimeProvider.System;
        })
        .Build();

    private sealed class ModelOptions
    {
        public string? Key { get; set; }
    }
}
