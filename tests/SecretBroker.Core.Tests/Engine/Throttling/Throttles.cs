using SecretBroker.Backends;
using SecretBroker.Core.Tests.Fakes;
using static SecretBroker.Core.Tests.Fakes.Engines;

namespace SecretBroker.Core.Tests.Engine.Throttling;

/// <summary>Setup shared by the throttling tests: a fixed random source makes every spread exact.</summary>
internal static class Throttles
{
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Every draw is 0.5: refresh jitter factor exactly 1, resume at half the window, spread factor 0.75.</summary>
    public static SecretRefreshEngineOptions HalfwayOptions() => Options(new FixedRandom(0.5));

    public static SecretBackendException Throttle(TimeSpan? retryAfter = null) => Transient("429 Throttled", retryAfter ?? RetryAfter);

    public static SecretRefreshEngine Create(TestClock clock, FakeSecretBackend backend, params string[] names) =>
        Engines.Create(clock, backend, [.. names.Select(static n => Secret(n, Refresh))], HalfwayOptions());

    public static FakeSecretBackend Backend(TestClock clock, SecretBackendCapabilities? capabilities, params string[] names)
    {
        var backend = new FakeSecretBackend(clock, capabilities);
        foreach (string name in names)
        {
            backend.Set(name, $"{name}-value", "v1");
        }

        return backend;
    }
}
