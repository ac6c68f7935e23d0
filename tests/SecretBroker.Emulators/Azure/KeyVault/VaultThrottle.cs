namespace SecretBroker.Emulators.Azure.KeyVault;

/// <summary>
/// Key Vault's service limit: at most <see cref="KeyVaultOptions.TransactionLimit"/> transactions in any
/// <see cref="KeyVaultOptions.ThrottleWindow"/> (a sliding window on the cloud's clock). A refused request is not a
/// transaction (429s do not count, as documented); <c>Retry-After</c> is when the oldest counted one leaves the window.
/// </summary>
public sealed class VaultThrottle(KeyVaultOptions options, TimeProvider time)
{
    private readonly Queue<DateTimeOffset> _window = new();
    private readonly Lock _gate = new();

    /// <summary>The most transactions the vault accepted in any one window so far (what fleet tests compare with the limit).</summary>
    public int PeakInWindow { get; private set; }

    /// <summary>Counts a transaction, or says how long to wait (whole seconds, at least 1) when the window is full.</summary>
    public bool TryAcquire(out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            while (_window.Count > 0 && _window.Peek() <= now - options.ThrottleWindow)
            {
                _window.Dequeue();
            }

            if (_window.Count >= options.TransactionLimit)
            {
                var wait = _window.Peek() + options.ThrottleWindow - now;
                retryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));
                return false;
            }

            _window.Enqueue(now);
            PeakInWindow = Math.Max(PeakInWindow, _window.Count);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Forgets the counted transactions and the peak (after the limit is changed).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _window.Clear();
            PeakInWindow = 0;
        }
    }
}
