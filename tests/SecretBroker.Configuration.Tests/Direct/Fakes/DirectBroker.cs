using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration.Tests.Fakes;
using SecretBroker.Testing;

namespace SecretBroker.Configuration.Tests.Direct.Fakes;

/// <summary>
/// What every direct-provider test wires: a fake clock, the scripted backend type, collected logs and refresh errors,
/// and no jitter (so a refresh comes due exactly at its interval).
/// </summary>
internal sealed class DirectBroker
{
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);

    public TestClock Clock { get; } = new();

    public ScriptedBackendType Type { get; } = new();

    public CollectingLoggerFactory Logs { get; } = new();

    public ConcurrentQueue<SecretBrokerRefreshError> Errors { get; } = new();

    public ScriptedBackend Backend(string name = "main") => Type[name];

    /// <summary>The test's clock, logs and callback on a source (code-first or section).</summary>
    public void Wire(SecretBrokerConfigurationSource b)
    {
        b.TimeProvider = Clock;
        b.LoggerFactory = Logs;
        b.OnRefreshError = Errors.Enqueue;
        b.RefreshOptions = new SecretRefreshEngineOptions { RefreshJitter = 0 };
        b.BackendTypes.Add(Type);
    }

    /// <summary>Builds a configuration with one scripted backend <c>main</c> and whatever <paramref name="declare"/> adds.</summary>
    public ConfigurationRoot Build(Action<SecretBrokerConfigurationSource> declare) =>
        (ConfigurationRoot)new ConfigurationBuilder().AddSecretBroker(b =>
        {
            Wire(b);
            b.AddBackend("main", Type, static o => o.Label = "main");
            declare(b);
        }).Build();

    /// <summary>Builds a configuration from an appsettings <paramref name="section"/>, wired, with the backend types <paramref name="use"/> adds.</summary>
    public ConfigurationRoot Build(IConfigurationSection section, Action<SecretBrokerConfigurationSource> use) =>
        (ConfigurationRoot)new ConfigurationBuilder().AddSecretBroker(section, b =>
        {
            Wire(b);
            use(b);
        }).Build();

    /// <summary>Waits until the engine sleeps on its next refresh, moves the clock there, and waits for the cycle to finish.</summary>
    public async Task RefreshCycleAsync()
    {
        await Clock.AdvanceToNextTimerAsync();

        // The loop arms its next timer only after the cycle's results are applied.
        await Clock.WaitForPendingTimerAsync();
    }

    /// <summary>A refresh cycle, then waits until <paramref name="root"/>'s provider has taken in what it published.</summary>
    public async Task RefreshCycleAsync(IConfigurationRoot root)
    {
        await RefreshCycleAsync();
        using CancellationTokenSource safety = new(TimeSpan.FromSeconds(10));
        await root.Providers.OfType<SecretBrokerConfigurationProvider>().Single().WhenCurrentAsync(safety.Token);
    }
}
