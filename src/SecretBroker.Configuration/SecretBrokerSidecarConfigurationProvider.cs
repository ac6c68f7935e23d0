using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecretBroker.Configuration.Internal;

namespace SecretBroker.Configuration;

/// <summary>
/// Configuration keys from a <c>secretbroker</c> sidecar, kept current in the background: the reload token fires on a
/// real change only, the last good data is kept while the sidecar is unreachable, and no exception from the
/// background ever reaches the host. Dispose it (the configuration root does) to stop watching.
/// </summary>
public sealed class SecretBrokerSidecarConfigurationProvider : ConfigurationProvider, IDisposable
{
    private readonly SecretBrokerSidecarConfigurationSource _source;
    private readonly ISidecarReader _reader;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly WatchDiagnostics _diagnostics;
    private SecretSet _current = SecretSet.Empty;
    private Task? _watch;
    private bool _disposed;

    internal SecretBrokerSidecarConfigurationProvider(SecretBrokerSidecarConfigurationSource source, SidecarLocation location, uint? socketUid)
    {
        _source = source;

        // Core's backoff, with a floor of a tenth of the ceiling: full jitter, but never a hot loop against a dead socket.
        var backoff = new ExponentialBackoff(source.RetryInitial, source.RetryMax, Random.Shared) { JitterFloor = 0.1 };
        _reader = location.IsSocket
            ? new SocketSidecarReader(location.Path, socketUid, source.LongPollWait, backoff, source.TimeProvider, Polls)
            : new FilesSidecarReader(location.Path, source.PollInterval, backoff, source.TimeProvider, Polls);
        Location = location.Path;
        ILogger logger = (source.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SecretBrokerSidecarConfigurationProvider>();
        _diagnostics = new WatchDiagnostics(logger, source.OnRefreshError, location.Path);
    }

    /// <summary>The socket or directory this provider reads.</summary>
    public string Location { get; }

    /// <summary>Raised after every look of the watch loop at the sidecar; tests wait on it instead of sleeping.</summary>
    internal PollSignal Polls { get; } = new();

    /// <summary>
    /// Reads every permitted secret. The first call starts the background watch; it throws when the sidecar cannot be
    /// reached, unless the source is <see cref="SecretBrokerSidecarConfigurationSource.Optional"/>. A later call (from
    /// <c>IConfigurationRoot.Reload()</c>) re-reads and keeps the last data if that fails.
    /// </summary>
    public override void Load()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_watch is not null)
        {
            TryApply(reload: false);
            return;
        }

        try
        {
            Apply(_reader.Load(), fireReload: false);
        }
        catch (Exception e) when (_source.Optional && IsUnreachable(e) && !IsRefusal(e))
        {
            // Optional: start empty; the watch fills the keys in once the sidecar answers.
        }

        SecretSet loaded = Volatile.Read(ref _current);
        _watch = Task.Run(() => _reader.WatchAsync(loaded, set => Apply(set, fireReload: true), _diagnostics, _stop.Token));
    }

    /// <summary>Stops the background watch and waits for it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stop.Cancel();
        try
        {
            _watch?.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // The watch ends by cancellation.
        }

        _reader.Dispose();
        _stop.Dispose();
    }

    private void TryApply(bool reload)
    {
        try
        {
            Apply(_reader.Load(), reload);
        }
        catch (Exception e) when (IsUnreachable(e) || IsRefusal(e))
        {
            // Keep the last good data; the background watch keeps trying (and keeps refusing an impostor).
            _diagnostics.ReadFailed(e);
        }
    }

    private void Apply(SecretSet set, bool fireReload)
    {
        lock (_gate)
        {
            if (set.SameAs(_current))
            {
                return;
            }

            Data = ConfigurationKeys.Map(set, _source.Prefix, _source.FlattenJson);
            Volatile.Write(ref _current, set);
        }

        if (fireReload)
        {
            // Swaps in a fresh token, then fires the old one: IOptionsMonitor.OnChange and GetReloadToken() callbacks run.
            // A callback that throws is the app's bug: reported, and the watch goes on (the new data is already in place).
            try
            {
                OnReload();
            }
#pragma warning disable CA1031 // Whatever a listener throws must not end the watch loop.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _diagnostics.ListenerFailed(e);
            }
        }
    }

    /// <summary>An impostor or an unverifiable socket owner: loud even when optional, since waiting will not fix it.</summary>
    private static bool IsRefusal(Exception? e) => e switch
    {
        null => false,
        SidecarSocketException socket => socket.IsRefusal,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsRefusal),
        _ => IsRefusal(e.InnerException),
    };

    private static bool IsUnreachable(Exception e) =>
        e is IOException or HttpRequestException or SocketException or UnauthorizedAccessException or TimeoutException or TaskCanceledException
        || (e is AggregateException aggregate && aggregate.InnerExceptions.All(IsUnreachable));
}
