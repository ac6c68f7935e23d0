using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecretBroker.Backends;
using SecretBroker.Internal;

namespace SecretBroker;

/// <summary>
/// The one refresh engine: keeps every secret's last good value, refreshes each on a jittered
/// <see cref="TimeProvider"/> schedule, probes versions before fetching where a backend can, coalesces concurrent
/// refreshes of a secret into one backend call, backs off on failure while serving the stale value, and publishes
/// an immutable <see cref="SecretGeneration"/> whenever anything visible changes.
/// </summary>
/// <remarks>
/// The partial files split it by concern: <c>.Flights</c> (load, start, on-demand refresh, single flight),
/// <c>.Scheduling</c> (one loop per backend), <c>.Cycle</c> (renew, probe, fetch), <c>.Publishing</c> (applying
/// results, generations, notifications), <c>.Throttling</c> (pausing a backend that answered a throttle) and <c>.Disposal</c>.
/// </remarks>
public sealed partial class SecretRefreshEngine : IAsyncDisposable, IDisposable
{
    // One gate guards every SecretState and the publish step. Backend calls never run under it.
    private readonly Lock _gate = new();
    private readonly SecretDefinition[] _definitions;
    private readonly SecretState[] _states;
    private readonly Dictionary<string, SecretState> _byName;
    private readonly BackendRuntime[] _backends;
    private readonly string[] _required;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EngineMetrics _metrics;
    private readonly ExponentialBackoff _backoff;
    private readonly Random _random;
    private readonly double _refreshJitter;
    private readonly double _coalesceFraction;
    private readonly double _leaseRenewFraction;
    private readonly TimeSpan _permanentFailureRetry;
    private readonly CancellationTokenSource _stopping = new();
    private SecretGeneration _current = SecretGeneration.Empty;

    /// <summary>Creates an engine. Nothing runs until <see cref="LoadAsync"/> or <see cref="StartAsync"/>.</summary>
    /// <param name="secrets">The secrets to keep; names must be unique and valid, backends must exist.</param>
    /// <param name="backends">Backend instances by the names secrets refer to.</param>
    /// <param name="options">Tuning; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for every schedule and timestamp.</param>
    /// <param name="loggerFactory">Logging; <see langword="null"/> for none.</param>
    /// <param name="meterFactory">Metrics; <see langword="null"/> for a private meter.</param>
    /// <exception cref="ArgumentException">A secret, a backend or an option is invalid; the message names it.</exception>
    public SecretRefreshEngine(
        IEnumerable<SecretDefinition> secrets,
        IReadOnlyDictionary<string, ISecretBackend> backends,
        SecretRefreshEngineOptions? options,
        TimeProvider timeProvider,
        ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new SecretRefreshEngineOptions();
        EngineValidation.ValidateOptions(options);
        _definitions = [.. secrets];
        EngineValidation.ValidateSecrets(_definitions, backends);

        // Options are a mutable POCO: copy what we use so later edits cannot reach a running engine.
        _random = options.Random;
        _refreshJitter = options.RefreshJitter;
        _coalesceFraction = options.CoalesceFraction;
        _leaseRenewFraction = options.LeaseRenewFraction;
        _permanentFailureRetry = options.PermanentFailureRetry;
        _backoff = new ExponentialBackoff(options.BackoffInitial, options.BackoffMax, _random);
        _time = timeProvider;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SecretRefreshEngine>();

        // Only backends that some secret uses get a loop.
        var runtimes = new Dictionary<string, BackendRuntime>(StringComparer.Ordinal);
        var groups = new Dictionary<(string Backend, string Id, string? Version), ReadGroup>();
        _states = new SecretState[_definitions.Length];
        _byName = new Dictionary<string, SecretState>(_definitions.Length, StringComparer.Ordinal);
        for (int i = 0; i < _definitions.Length; i++)
        {
            SecretDefinition definition = _definitions[i];
            if (!runtimes.TryGetValue(definition.Backend, out BackendRuntime? runtime))
            {
                ISecretBackend backend = backends[definition.Backend];
                runtime = new BackendRuntime(definition.Backend, backend, backend.Capabilities);
                runtimes.Add(definition.Backend, runtime);
            }

            (string id, string? version) = ReadGroup.KeyOf(definition);
            if (!groups.TryGetValue((definition.Backend, id, version), out ReadGroup? group))
            {
                group = new ReadGroup(runtime);
                runtime.Groups.Add(group);
                groups.Add((definition.Backend, id, version), group);
            }

            var state = new SecretState(definition, group);
            group.Members.Add(state);
            runtime.Secrets.Add(state);
            _states[i] = state;
            _byName.Add(definition.Name, state);
        }

        _backends = [.. runtimes.Values];
        _required = [.. _definitions.Where(static d => d.Required).Select(static d => d.Name)];
        _metrics = new EngineMetrics(meterFactory, () => Current, timeProvider);
    }

    /// <summary>The definitions, in the order given.</summary>
    public IReadOnlyList<SecretDefinition> Definitions => _definitions;

    /// <summary>The current generation; swapped atomically, safe to read from any thread without a lock.</summary>
    public SecretGeneration Current => Volatile.Read(ref _current);

    /// <summary>
    /// The lease the value of <paramref name="name"/> was served or last renewed with (a dynamic secret, an exchanged
    /// token), or <see langword="null"/> when its backend gave none or the name is unknown. For <c>check</c>-style reports:
    /// the duration counts from that fetch or renewal.
    /// </summary>
    /// <param name="name">A configured secret's name.</param>
    public SecretLease? LeaseOf(string name)
    {
        if (!_byName.TryGetValue(name, out SecretState? state))
        {
            return null;
        }

        lock (_gate)
        {
            return state.Lease;
        }
    }

    /// <summary>Whether every <see cref="SecretDefinition.Required"/> secret has a value.</summary>
    public bool IsReady
    {
        get
        {
            SecretGeneration current = Current;
            return _required.All(current.Secrets.ContainsKey);
        }
    }
}
