using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecretBroker.Backends;
using SecretBroker.Configuration.Internal;

namespace SecretBroker.Configuration;

/// <summary>
/// Configuration keys read straight from secret backends by the SecretBroker refresh engine (<c>AddSecretBroker</c>):
/// the first load blocks once, then refreshes run in the background; the reload token fires on a real change of keys
/// or bytes only, the last good values are kept while a backend fails, and nothing from the background is thrown into
/// the host. Dispose it (the configuration root does) to stop every timer and backend call.
/// </summary>
public sealed partial class SecretBrokerConfigurationProvider : ConfigurationProvider, IDisposable
{
    private readonly string? _prefix;
    private readonly bool _flattenJson;
    private readonly bool _optional;
    private readonly TimeSpan _firstLoadTimeout;
    private readonly TimeProvider _time;
    private readonly RefreshDiagnostics _diagnostics;
    private readonly SecretRefreshEngine _engine;
    private readonly ISecretBackend[] _backends;
    private readonly string _description;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private SecretSet _current = SecretSet.Empty;
    private Task? _watch;
    private int _disposed;
    private long _appliedGeneration;

    internal SecretBrokerConfigurationProvider(SecretBrokerConfigurationSource source, BrokerPlan plan)
    {
        // Options are copied: the source is a mutable builder the app still holds.
        _prefix = source.Prefix;
        _flattenJson = source.FlattenJson;
        _optional = source.Optional;
        _firstLoadTimeout = source.FirstLoadTimeout;
        _time = source.TimeProvider;
        ILogger logger = (source.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SecretBrokerConfigurationProvider>();
        _diagnostics = new RefreshDiagnostics(logger, source.OnRefreshError, _time);
        (Dictionary<string, ISecretBackend> backends, List<SecretDefinition> secrets) = BackendSet.Build(plan, _optional, _diagnostics, _time);
        _backends = [.. backends.Values];
        _engine = new SecretRefreshEngine(secrets, backends, source.RefreshOptions, _time, source.LoggerFactory);
        _description = Describe(plan, _prefix);
    }

    /// <summary>
    /// The first call runs the first load — blocking, bounded by <see cref="SecretBrokerConfigurationSource.FirstLoadTimeout"/> —
    /// and starts the background refresh. It throws <see cref="SecretBrokerConfigurationException"/> naming each required
    /// secret that did not load (name, backend, reason), unless the source is <see cref="SecretBrokerConfigurationSource.Optional"/>.
    /// A later call (from <c>IConfigurationRoot.Reload()</c>) takes the engine's current values and never throws.
    /// </summary>
    public override void Load()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_watch is not null)
        {
            Apply(_engine.Current, fireReload: false);
            return;
        }

        FirstLoad();
        SecretGeneration loaded = _engine.Current;
        Apply(loaded, fireReload: false);
        _diagnostics.Observe(loaded);
        _diagnostics.StartReporting();
        Interlocked.Exchange(ref _appliedGeneration, loaded.Number);
        _watch = Task.Run(() => WatchAsync(loaded.Number, _stop.Token));
    }

    /// <summary>Counts the generations the watch loop has taken in (applied or found unchanged); tests await it instead of sleeping.</summary>
    internal PollSignal Generations { get; } = new();

    /// <summary>Completes once the provider has taken in the engine's current generation (for tests: the data then reflects it).</summary>
    internal async Task WhenCurrentAsync(CancellationToken cancellationToken)
    {
        long target = _engine.Current.Number;
        while (true)
        {
            // Counted before the check: a generation taken in between still ends the wait below.
            long seen = Generations.Count;
            if (Interlocked.Read(ref _appliedGeneration) >= target)
            {
                return;
            }

            await Generations.WaitBeyondAsync(seen, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the engine — every timer and backend call — and waits for it. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();

        // The engine waits for its loops and any call under way; no backend call starts after this returns.
        _engine.Dispose();
        try
        {
            _watch?.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // The watch ends by cancellation.
        }

        _stop.Dispose();

        // Only now that no call can start: the backends' own resources (an AWS backend's HTTP client).
        foreach (ISecretBackend backend in _backends)
        {
            (backend as IDisposable)?.Dispose();
        }
    }

    /// <summary>Describes the source for the configuration debug view: backends and secret count, never a value.</summary>
    public override string ToString() => _description;

    private async Task WatchAsync(long seen, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            SecretGeneration generation;
            try
            {
                generation = await _engine.WaitForGenerationAsync(seen, stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            seen = generation.Number;

            // Recoveries first: a listener woken by the reload then finds them reported.
            _diagnostics.Observe(generation);
            Apply(generation, fireReload: true);
            Interlocked.Exchange(ref _appliedGeneration, generation.Number);
            Generations.Completed();
        }
    }

    private void Apply(SecretGeneration generation, bool fireReload)
    {
        SecretSet set = GenerationSecrets.ToSet(generation);
        lock (_gate)
        {
            // Versions alone and stale flags are not a change the app can see: only keys and bytes are.
            if (set.SameAs(_current))
            {
                return;
            }

            Data = ConfigurationKeys.Map(set, _prefix, _flattenJson);
            _current = set;
        }

        if (fireReload)
        {
            // Swaps in a fresh token, then fires the old one. A listener that throws is the app's bug: reported, and the
            // refresh goes on (the new data is already in place).
            try
            {
                OnReload();
            }
#pragma warning disable CA1031 // Whatever a listener throws must not end the watch.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _diagnostics.ListenerFailed(e);
            }
        }
    }

    private static string Describe(BrokerPlan plan, string? prefix)
    {
        string backends = string.Join(", ", plan.Backends.Select(static b => $"{b.Name} ({b.Type.TypeName})"));
        string under = string.IsNullOrEmpty(prefix) ? string.Empty : $", under '{prefix}'";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SecretBroker: {plan.Secrets.Count} secret(s) from {backends}{under}");
    }
}
