namespace SecretBroker.Core.Tests.Fleet;

/// <summary>
/// The peers' behaviour, for comparison: every secret of every sidecar polled on its own, a 429 retried one second later
/// whatever the Retry-After said, no backoff, no pause of the other secrets. A plain event queue on simulated time.
/// </summary>
internal static class NaiveFleet
{
    public static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    /// <summary>Runs until every secret of every sidecar was fetched once; returns when the last one was.</summary>
    public static DateTimeOffset Converge(FleetVault vault, IReadOnlyList<TimeSpan> starts, int secretsEach)
    {
        var queue = new PriorityQueue<(int Sidecar, int Secret), (DateTimeOffset At, long Order)>();
        long order = 0;
        for (int sidecar = 0; sidecar < starts.Count; sidecar++)
        {
            for (int secret = 0; secret < secretsEach; secret++)
            {
                queue.Enqueue((sidecar, secret), (vault.Origin + starts[sidecar], order++));
            }
        }

        DateTimeOffset last = vault.Origin;
        while (queue.TryDequeue(out (int Sidecar, int Secret) request, out (DateTimeOffset At, long Order) when))
        {
            if (vault.Request(request.Sidecar, when.At) is null)
            {
                last = when.At;
            }
            else
            {
                queue.Enqueue(request, (when.At + Retry, order++));
            }
        }

        return last;
    }
}
