namespace SecretBroker.Configuration.Internal;

internal sealed partial class SocketSidecarReader
{
    /// <summary>How often the list is read again to pick up secrets added or removed on the sidecar.</summary>
    private static readonly TimeSpan RelistInterval = TimeSpan.FromMinutes(1);

    /// <summary>Consecutive failures of the one watch loop (reset by any answer); only the loop touches it.</summary>
    private int _failures;

    public async Task WatchAsync(SecretSet loaded, Action<SecretSet> publish, WatchDiagnostics diagnostics, CancellationToken cancellationToken)
    {
        SecretSet current = loaded;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                current = await FollowAsync(current, publish, diagnostics, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Unreachable or restarted sidecar: report, keep the last data, back off, catch up on reconnect.
            catch (Exception e)
#pragma warning restore CA1031
            {
                diagnostics.ReadFailed(e);
                await Task.Delay(NextRetryDelay(), _timeProvider, cancellationToken).ConfigureAwait(false);
                try
                {
                    current = await LoadAsync(current, requireReady: true, cancellationToken).ConfigureAwait(false);
                    publish(current);
                    _failures = 0;
                    diagnostics.ReadSucceeded();
                }
#pragma warning disable CA1031 // Still down: reported; the next turn backs off further.
                catch (Exception again) when (again is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    diagnostics.ReadFailed(again);
                }

                _polls.Completed();
            }
        }
    }

    /// <summary>Runs one long poll per secret plus a periodic re-list until something fails; returns the newest set.</summary>
    private async Task<SecretSet> FollowAsync(SecretSet current, Action<SecretSet> publish, WatchDiagnostics diagnostics, CancellationToken cancellationToken)
    {
        using var round = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var polls = new Dictionary<Task<Fetched>, string>();
        try
        {
            foreach ((string name, SecretValue value) in current.Secrets)
            {
                polls[Poll(name, value.Version, round.Token)] = name;
            }

            Task relist = Task.Delay(RelistInterval, _timeProvider, round.Token);
            while (true)
            {
                Task done = await Task.WhenAny(polls.Keys.Cast<Task>().Append(relist)).ConfigureAwait(false);
                if (done == relist)
                {
                    await relist.ConfigureAwait(false);
                    SecretSet listed = await LoadAsync(current, requireReady: true, round.Token).ConfigureAwait(false);
                    if (!listed.Secrets.Keys.ToHashSet().SetEquals(current.Secrets.Keys))
                    {
                        // Names came or went: publish, then start over with one poll per current name.
                        publish(listed);
                        _polls.Completed();
                        return listed;
                    }

                    _polls.Completed();
                    relist = Task.Delay(RelistInterval, _timeProvider, round.Token);
                    continue;
                }

                var poll = (Task<Fetched>)done;
                string name = polls[poll];
                polls.Remove(poll);
                Fetched fetched = await poll.ConfigureAwait(false);
                if (fetched.Expired)
                {
                    // Its lease ended: the dead value leaves the configuration, and a poll without a version waits for
                    // the sidecar to hold a live one again.
                    if (current.Secrets.ContainsKey(name))
                    {
                        current = current.With(name, null);
                        publish(current);
                    }

                    _failures = 0;
                    diagnostics.ReadSucceeded();
                    _polls.Completed();
                    polls[GetAsync(name, ifNoneMatch: null, (int)_wait.TotalSeconds, round.Token)] = name;
                    continue;
                }

                if (fetched.NotReady)
                {
                    // The sidecar restarted and is loading again: back off and catch up, keeping the last data.
                    throw new HttpRequestException($"secretbroker socket {_socketPath}: '{name}' not loaded yet");
                }

                _failures = 0;
                diagnostics.ReadSucceeded();
                if (!fetched.Unchanged)
                {
                    current = current.With(name, fetched.Value);
                    publish(current);
                }

                _polls.Completed();
                if (fetched.Value is null && !fetched.Unchanged)
                {
                    continue; // gone or no longer permitted: stop following it until the next list
                }

                polls[Poll(name, current.Secrets[name].Version, round.Token)] = name;
            }
        }
        finally
        {
            // Ends the other long polls of this round (a failure, a re-list or shutdown).
            await round.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(polls.Keys).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>The backoff after one more consecutive failure.</summary>
    private TimeSpan NextRetryDelay()
    {
        TimeSpan delay = _backoff.NextDelay(_failures);
        _failures = Math.Min(_failures, int.MaxValue - 1) + 1; // saturates: a years-long outage never wraps negative
        return delay;
    }

    private Task<Fetched> Poll(string name, string version, CancellationToken cancellationToken) =>
        GetAsync(name, version, (int)_wait.TotalSeconds, cancellationToken);
}
