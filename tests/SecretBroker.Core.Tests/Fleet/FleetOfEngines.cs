using SecretBroker.Backends;

namespace SecretBroker.Core.Tests.Fleet;

/// <summary>
/// Real <see cref="SecretRefreshEngine"/>s, one per sidecar, each with its own seeded random source and its own client
/// of the one <see cref="FleetVault"/>, all on one <see cref="TestClock"/>. The clock moves one event at a time: to
/// the next sidecar start or the earliest engine timer, whichever comes first, and only once every started engine is
/// idle again (its loop asleep on a timer), so a run is the same every time.
/// </summary>
internal sealed class FleetOfEngines : IAsyncDisposable
{
    private readonly TestClock _clock;
    private readonly IReadOnlyList<TimeSpan> _starts;
    private readonly SecretRefreshEngine[] _engines;
    private int _started;

    public FleetOfEngines(TestClock clock, FleetVault vault, IReadOnlyList<TimeSpan> starts, int secretsEach, TimeSpan refresh)
    {
        _clock = clock;
        _starts = starts;
        Clients = new FleetVaultClient[starts.Count];
        _engines = new SecretRefreshEngine[starts.Count];
        SecretDefinition[] secrets = [.. Enumerable.Range(0, secretsEach).Select(j => new SecretDefinition($"secret-{j}", "kv", $"secret-{j}", refresh))];
        for (int i = 0; i < starts.Count; i++)
        {
            Clients[i] = new FleetVaultClient(vault, i, clock, secretsEach);
            _engines[i] = new SecretRefreshEngine(
                secrets,
                new Dictionary<string, ISecretBackend> { ["kv"] = Clients[i] },
                new SecretRefreshEngineOptions { Random = new Random(1000 + i) },
                clock);
        }
    }

    public FleetVaultClient[] Clients { get; }

    public IReadOnlyList<SecretRefreshEngine> Engines => _engines;

    /// <summary>Moves the clock event by event until every sidecar has converged; returns when the last one did.</summary>
    public async Task<DateTimeOffset> ConvergeAsync(DateTimeOffset deadline)
    {
        while (_started < _engines.Length || Clients.Any(static c => c.ConvergedAt is null))
        {
            Assert.True(await StepAsync(deadline), $"The fleet did not converge by {deadline:O}.");
        }

        return Clients.Max(static c => c.ConvergedAt!.Value);
    }

    /// <summary>Moves the clock event by event up to <paramref name="until"/>, then waits for every engine to be idle.</summary>
    public async Task RunUntilAsync(DateTimeOffset until)
    {
        while (await StepAsync(until))
        {
        }

        _clock.SetUtcNow(until);
        await _clock.WaitForPendingTimerAsync(_started);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (SecretRefreshEngine engine in _engines)
        {
            await engine.DisposeAsync();
        }
    }

    /// <summary>One event: the next start or the next timer, if not after <paramref name="limit"/>.</summary>
    private async Task<bool> StepAsync(DateTimeOffset limit)
    {
        DateTimeOffset? timer = _started == 0 ? null : await _clock.WaitForPendingTimerAsync(_started);
        DateTimeOffset? start = _started < _engines.Length ? _clock.Start + _starts[_started] : null;
        DateTimeOffset next = (timer, start) switch
        {
            ({ } t, { } s) => t < s ? t : s,
            ({ } t, null) => t,
            (null, { } s) => s,
            _ => DateTimeOffset.MaxValue,
        };
        if (next > limit)
        {
            return false;
        }

        if (next > _clock.GetUtcNow())
        {
            _clock.SetUtcNow(next);
        }

        while (_started < _engines.Length && _clock.Start + _starts[_started] <= next)
        {
            await _engines[_started].StartAsync(CancellationToken.None);
            _started++;
        }

        // Idle again (every started loop asleep on a timer) before anyone reads the vault or the clients.
        await _clock.WaitForPendingTimerAsync(_started);
        return true;
    }
}
