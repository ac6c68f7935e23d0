using SecretBroker.Backends;

namespace SecretBroker.Sidecar.Tests.Outputs.Http;

/// <summary><c>secretbroker_backend_throttled_total</c>, the engine's count of throttle pauses, under its documented name.</summary>
public sealed class ThrottleMetricTests
{
    [Fact]
    public async Task A_throttle_pause_is_exported_as_a_counter_per_backend()
    {
        await using MetricsHost host = await MetricsHost.StartAsync("hf-token");
        await using SecretRefreshEngine throttled = new(
            [new SecretDefinition("kv-token", "kv", "kv-token", TimeSpan.FromMinutes(5)), new SecretDefinition("kv-other", "kv", "kv-other", TimeSpan.FromMinutes(5))],
            new Dictionary<string, ISecretBackend> { ["kv"] = new ThrottlingBackend() },
            options: null,
            TimeProvider.System,
            loggerFactory: null,
            host.MeterFactory);

        await throttled.LoadAsync(CancellationToken.None);
        string text = await host.ScrapeAsync();

        Assert.Contains("# TYPE secretbroker_backend_throttled_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("secretbroker_backend_throttled_total{backend=\"kv\"} 1\n", text, StringComparison.Ordinal);
    }

    /// <summary>Answers every call with a 429 asking for a minute: one pause, the second secret never called.</summary>
    private sealed class ThrottlingBackend : ISecretBackend
    {
        public SecretBackendCapabilities Capabilities => SecretBackendCapabilities.Simple;

        public ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken) =>
            throw new SecretBackendException(SecretErrorKind.Transient, "429 Throttled", retryAfter: TimeSpan.FromMinutes(1));

        public ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
