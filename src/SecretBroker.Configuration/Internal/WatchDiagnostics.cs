using Microsoft.Extensions.Logging;

namespace SecretBroker.Configuration.Internal;

/// <summary>
/// Where the provider's background failures go instead of disappearing: the optional logger (a first failure as a
/// warning, repeats at debug, the recovery once) and the optional <see cref="SecretBrokerSidecarConfigurationSource.OnRefreshError"/>
/// callback. Called from the watch loop and from whichever thread applies a change; never throws.
/// </summary>
internal sealed class WatchDiagnostics(ILogger logger, Action<SecretBrokerRefreshError>? callback, string location)
{
    private int _failures;

    /// <summary>Reading the sidecar failed (it is retried with backoff).</summary>
    public void ReadFailed(Exception exception)
    {
        int failures = Interlocked.Increment(ref _failures);
        if (failures == 1)
        {
            Log.WatchFailed(logger, location, exception.Message, exception);
        }
        else
        {
            Log.WatchFailedAgain(logger, location, failures, exception.Message);
        }

        Notify(new SecretBrokerRefreshError(secret: null, backend: null, location, inChangeListener: false, exception));
    }

    /// <summary>Reading the sidecar worked: ends a run of failures.</summary>
    public void ReadSucceeded()
    {
        int failures = Interlocked.Exchange(ref _failures, 0);
        if (failures > 0)
        {
            Log.WatchRecovered(logger, location, failures);
        }
    }

    /// <summary>A reload callback threw.</summary>
    public void ListenerFailed(Exception exception)
    {
        // Cancelling the reload token aggregates what its callbacks threw: report the listener's own exception.
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        Log.ChangeListenerFailed(logger, location, exception);
        Notify(new SecretBrokerRefreshError(secret: null, backend: null, location, inChangeListener: true, exception));
    }

    private void Notify(SecretBrokerRefreshError error)
    {
        try
        {
            callback?.Invoke(error);
        }
#pragma warning disable CA1031 // The callback is the user's: its failure must not end the watch either.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.ErrorCallbackFailed(logger, location, e);
        }
    }
}
