using Microsoft.Extensions.Logging;
using SecretBroker.Backends;

namespace SecretBroker.Configuration.Internal;

/// <summary>
/// Where the direct provider's failures go instead of disappearing: the optional logger (a secret's first failure as a
/// warning, repeats at debug, its recovery once) and the optional <see cref="SecretBrokerConfigurationSource.OnRefreshError"/>
/// callback. Failures seen during the first load are only recorded: that load either throws them all at once or, when
/// optional, reports them when it ends (<see cref="StartReporting"/>). Called from backend calls on the thread pool; never throws.
/// </summary>
internal sealed class RefreshDiagnostics(ILogger logger, Action<SecretBrokerRefreshError>? callback, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Failure> _failing = new(StringComparer.Ordinal);
    private bool _reporting;

    /// <summary>A backend call failed for <paramref name="secret"/> (the engine retries it).</summary>
    public void SecretFailed(string secret, string backend, Exception exception)
    {
        int failures;
        lock (_gate)
        {
            failures = (_failing.TryGetValue(secret, out Failure? previous) ? previous.Count : 0) + 1;
            _failing[secret] = new Failure(backend, failures, exception, time.GetUtcNow());
            if (!_reporting)
            {
                return;
            }
        }

        Report(secret, backend, failures, exception);
    }

    /// <summary>
    /// A generation was published: every failing secret it holds fresh, fetched after its last failure, has recovered.
    /// (A never-loaded secret recovers by loading; a loaded one was flagged stale while failing, and the engine publishes
    /// when the flag clears — so a generation always shows a recovery.)
    /// </summary>
    public void Observe(SecretGeneration generation)
    {
        List<(string Secret, Failure Failure)> recovered = [];
        lock (_gate)
        {
            foreach ((string secret, Failure failure) in _failing)
            {
                if (generation.TryGet(secret, out SecretEntry? entry) && !entry.Stale && entry.FetchedAt > failure.At)
                {
                    recovered.Add((secret, failure));
                }
            }

            foreach ((string secret, _) in recovered)
            {
                _failing.Remove(secret);
            }

            if (!_reporting)
            {
                return;
            }
        }

        foreach ((string secret, Failure failure) in recovered)
        {
            Log.SecretRecovered(logger, secret, failure.Backend, failure.Count);
        }
    }

    /// <summary>The first load is over (and was not thrown): report what failed during it, and everything from now on.</summary>
    public void StartReporting()
    {
        List<KeyValuePair<string, Failure>> pending;
        lock (_gate)
        {
            _reporting = true;
            pending = [.. _failing];
        }

        foreach ((string secret, Failure failure) in pending)
        {
            Report(secret, failure.Backend, 1, failure.Exception);
        }
    }

    /// <summary>The first load ended without some secrets (optional source).</summary>
    public void FirstLoadIncomplete(int loaded, int total, IReadOnlyList<string> missing) =>
        Log.FirstLoadIncomplete(logger, loaded, total, string.Join("; ", missing));

    /// <summary>A backend could not be built (optional source): its secrets are left out.</summary>
    public void BackendUnavailable(string backend, IReadOnlyList<string> secrets, SecretBackendSetupException exception)
    {
        Log.BackendUnavailable(logger, backend, string.Join(", ", secrets), exception.Message, exception);
        Notify(new SecretBrokerRefreshError(secret: null, backend, inChangeListener: false, exception));
    }

    /// <summary>A reload callback threw.</summary>
    public void ListenerFailed(Exception exception)
    {
        // Cancelling the reload token aggregates what its callbacks threw: report the listener's own exception.
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        Log.ReloadListenerFailed(logger, exception);
        Notify(new SecretBrokerRefreshError(secret: null, backend: null, inChangeListener: true, exception));
    }

    /// <summary>The reason a failure gives, as the engine words it: never a value (backends' messages name none).</summary>
    public static string Reason(Exception exception) =>
        exception is SecretBackendException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";

    private void Report(string secret, string backend, int failures, Exception exception)
    {
        string reason = Reason(exception);
        if (failures == 1)
        {
            Log.SecretFailing(logger, secret, backend, reason);
        }
        else
        {
            Log.SecretFailingAgain(logger, secret, backend, failures, reason);
        }

        Notify(new SecretBrokerRefreshError(secret, backend, inChangeListener: false, exception));
    }

    private void Notify(SecretBrokerRefreshError error)
    {
        try
        {
            callback?.Invoke(error);
        }
#pragma warning disable CA1031 // The callback is the user's: its failure must not stop refreshing either.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.RefreshErrorCallbackFailed(logger, e);
        }
    }

    private sealed record Failure(string Backend, int Count, Exception Exception, DateTimeOffset At);
}
