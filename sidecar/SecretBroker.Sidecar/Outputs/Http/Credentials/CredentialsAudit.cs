using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Outputs.Http.Credentials;

/// <summary>
/// The audit trail of the credentials route, folded like the socket's (<see cref="RepeatFolder{TKey}"/>): the first
/// serving of a set's access key and the first refusal of a kind in a window are logged at once (4150, 4152), repeats
/// as one count per <see cref="Window"/> (4151, 4153). 64 SDKs polling cost a few lines per window. A name a caller
/// made up is logged only when it is a valid set name (it is request input).
/// </summary>
internal sealed class CredentialsAudit : IDisposable
{
    public const string Missing = "no";
    public const string Wrong = "a wrong";

    /// <summary>How long repeats are folded.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public const int MaxTracked = 1024;

    private readonly RepeatFolder<(bool Served, string Set, string Detail)> _folder = new(MaxTracked);
    private readonly ILogger _logger;
    private readonly ITimer _timer;

    public CredentialsAudit(TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _logger = logger;
        _timer = timeProvider.CreateTimer(static state => ((CredentialsAudit)state!).Flush(), this, Window, Window);
    }

    public void Served(string set, string accessKeyId)
    {
        if (Record((true, set, accessKeyId)))
        {
            Log.CredentialsServed(_logger, set, accessKeyId);
        }
    }

    public void Refused(string requested, string reason)
    {
        string set = SecretName.IsValid(requested) ? requested : "(not a set name)";
        if (Record((false, set, reason)))
        {
            Log.CredentialsRefused(_logger, set, reason);
        }
    }

    /// <summary>Logs every pending count.</summary>
    public void Flush()
    {
        (List<((bool Served, string Set, string Detail) Key, int Count)> repeats, int untracked) = _folder.TakeWindow();
        foreach (((bool served, string set, string detail), int count) in repeats)
        {
            if (served)
            {
                Log.CredentialsServedRepeated(_logger, set, detail, count, Window.TotalSeconds);
            }
            else
            {
                Log.CredentialsRefusedRepeated(_logger, set, detail, count, Window.TotalSeconds);
            }
        }

        if (untracked > 0)
        {
            Log.CredentialsUntracked(_logger, untracked, MaxTracked, Window.TotalSeconds);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }

    // Over capacity: logged as the window's untracked count, not line by line.
    private bool Record((bool, string, string) key) => _folder.Record(key) == RepeatFolder<(bool, string, string)>.Outcome.First;
}
