namespace SecretBroker.Core.Tests.Fleet;

/// <summary>
/// One Key Vault as the fleet sees it: at most <see cref="Limit"/> accepted transactions in any sliding 10 s (kept in
/// 100 ms buckets); over it, a request is refused with 429 and a Retry-After in whole seconds (when the oldest counted
/// bucket leaves the window). Refused requests do not count toward the limit (as in Key Vault) but are recorded, per
/// second, with the accepted ones. A client that sends while a Retry-After it was given still runs is a violation.
/// </summary>
internal sealed class FleetVault(DateTimeOffset origin)
{
    public const int Limit = 4000;

    private const int Buckets = 100;
    private static readonly long BucketTicks = TimeSpan.FromMilliseconds(100).Ticks;

    private readonly Lock _lock = new();
    private readonly long[] _bucketIds = Enumerable.Repeat(-1L, Buckets).ToArray();
    private readonly int[] _bucketCounts = new int[Buckets];
    private readonly List<int> _acceptedPerSecond = [];
    private readonly List<int> _refusedPerSecond = [];
    private readonly Dictionary<int, DateTimeOffset> _quietUntil = [];

    public DateTimeOffset Origin { get; } = origin;

    public long Accepted { get; private set; }

    public long Refused { get; private set; }

    /// <summary>Requests sent by a client before a Retry-After it was given had passed.</summary>
    public long Violations { get; private set; }

    public DateTimeOffset? FirstRefusal { get; private set; }

    public DateTimeOffset? LastRefusal { get; private set; }

    /// <summary>One transaction; <see langword="null"/> when accepted, else the Retry-After of the 429.</summary>
    public TimeSpan? Request(int client, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_quietUntil.TryGetValue(client, out DateTimeOffset until) && now < until)
            {
                Violations++;
            }

            long bucket = (now - Origin).Ticks / BucketTicks;
            int second = (int)((now - Origin).Ticks / TimeSpan.TicksPerSecond);
            while (_acceptedPerSecond.Count <= second)
            {
                _acceptedPerSecond.Add(0);
                _refusedPerSecond.Add(0);
            }

            int inWindow = 0;
            long oldest = long.MaxValue;
            for (int i = 0; i < Buckets; i++)
            {
                if (_bucketIds[i] > bucket - Buckets && _bucketCounts[i] > 0)
                {
                    inWindow += _bucketCounts[i];
                    oldest = Math.Min(oldest, _bucketIds[i]);
                }
            }

            if (inWindow < Limit)
            {
                int slot = (int)(bucket % Buckets);
                if (_bucketIds[slot] != bucket)
                {
                    _bucketIds[slot] = bucket;
                    _bucketCounts[slot] = 0;
                }

                _bucketCounts[slot]++;
                _acceptedPerSecond[second]++;
                Accepted++;
                return null;
            }

            // Capacity comes back when the oldest counted bucket leaves the window.
            DateTimeOffset frees = Origin + TimeSpan.FromTicks((oldest + Buckets) * BucketTicks);
            var retryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((frees - now).TotalSeconds)));
            _quietUntil[client] = now + retryAfter;
            _refusedPerSecond[second]++;
            Refused++;
            FirstRefusal ??= now;
            LastRefusal = now;
            return retryAfter;
        }
    }

    /// <summary>Requests (accepted + refused) per second since <see cref="Origin"/>.</summary>
    public int[] RequestsPerSecond()
    {
        lock (_lock)
        {
            return [.. _acceptedPerSecond.Zip(_refusedPerSecond, static (a, r) => a + r)];
        }
    }

    /// <summary>The most requests (accepted + refused) in any 10 whole seconds starting in [from, to).</summary>
    public int PeakPer10Seconds(int fromSecond, int toSecond) => BusiestTenSeconds(fromSecond, toSecond).Requests;

    /// <summary>The 10 whole seconds starting in [from, to) with the most requests: where they start, and how many.</summary>
    public (int Start, int Requests) BusiestTenSeconds(int fromSecond, int toSecond)
    {
        int[] perSecond = RequestsPerSecond();
        int peak = 0;
        int peakStart = fromSecond;
        for (int start = Math.Max(0, fromSecond); start < toSecond; start++)
        {
            int sum = 0;
            for (int s = start; s < start + 10 && s < perSecond.Length; s++)
            {
                sum += perSecond[s];
            }

            if (sum > peak)
            {
                peak = sum;
                peakStart = start;
            }
        }

        return (peakStart, peak);
    }

    /// <summary>Requests in the whole seconds [from, to).</summary>
    public long RequestsBetween(int fromSecond, int toSecond)
    {
        int[] perSecond = RequestsPerSecond();
        long sum = 0;
        for (int s = Math.Max(0, fromSecond); s < toSecond && s < perSecond.Length; s++)
        {
            sum += perSecond[s];
        }

        return sum;
    }

    public int SecondOf(DateTimeOffset at) => (int)((at - Origin).Ticks / TimeSpan.TicksPerSecond);
}
