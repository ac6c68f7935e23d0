using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using SecretBroker.Backends;

namespace SecretBroker;

/// <summary>
/// The one refresh engine: keeps every secret's last good value, refreshes each on a jittered
/// <see cref="TimeProvider"/> schedule, probes versions before fetching where a backend can, coalesces concurrent
/// refreshes of a secret into one backend call, backs off on failure while serving the stale value, and publishes
/// an immutable <see cref="SecretGeneration"/> whenever anything visible changes.
/// </summary>
public sealed partial class SecretRefreshEngine : IAsyncDisposable, IDisposable
{
    /// <summary>Creates an engine. Nothing runs until <see cref="LoadAsync"/> or <see cref="StartAsync"/>.</summary>
    /// <param name="secrets">The secrets to keep; names must be unique and valid, backends must exist.</param>
    /// <param name="backends">Backend instances by the names secrets refer to.</param>
    /// <param name="options">Tuning; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for every schedule and timestamp.</param>
    /// <param name="loggerFactory">Logging; <see langword="null"/> for none.</param>
    /// <param name="meterFactory">Metrics; <see langword="null"/> for a private meter.</param>
    public SecretRefreshEngine(
        IEnumerable<SecretDefinition> secrets,
        IReadOnlyDictionary<string, ISecretBackend> backends,
        SecretRefreshEngineOptions? options,
        TimeProvider timeProvider,
        ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null)
    {
        throw new NotImplementedException();
    }

    /// <summary>The definitions, in the order given.</summary>
    public IReadOnlyList<SecretDefinition> Definitions => throw new NotImplementedException();

    /// <summary>The current generation; swapped atomically, safe to read from any thread without a lock.</summary>
    public SecretGeneration Current => throw new NotImplementedException();

    /// <summary>Whether every <see cref="SecretDefinition.Required"/> secret has a value.</summary>
    public bool IsReady => throw new NotImplementedException();

    /// <summary>
    /// Fetches every secret once (probe skipped), publishes one generation with all that loaded, and returns each
    /// secret's outcome. Never throws for backend failures; starts no background work.
    /// </summary>
    public Task<IReadOnlyList<SecretRefreshOutcome>> LoadAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>
    /// Performs the initial load (as <see cref="LoadAsync"/>) and then starts the background refresh loops, one per
    /// backend. Secrets that failed to load are retried with backoff. Returns the initial outcomes.
    /// </summary>
    public Task<IReadOnlyList<SecretRefreshOutcome>> StartAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>
    /// Refreshes one secret now. Concurrent calls for the same secret share one backend call (single flight).
    /// Never throws for backend failures; the outcome says what happened.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No secret has that name.</exception>
    public Task<SecretRefreshOutcome> RefreshAsync(string name, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Completes with the first generation whose <see cref="SecretGeneration.Number"/> is greater than <paramref name="afterNumber"/>.</summary>
    public Task<SecretGeneration> WaitForGenerationAsync(long afterNumber, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>A change token that fires when the next generation is published.</summary>
    public IChangeToken GetChangeToken() => throw new NotImplementedException();

    /// <summary>Stops the background loops and waits for them; no backend call starts afterwards.</summary>
    public ValueTask DisposeAsync() => throw new NotImplementedException();

    /// <summary>Stops the background loops (blocking until they end).</summary>
    public void Dispose() => throw new NotImplementedException();
}
