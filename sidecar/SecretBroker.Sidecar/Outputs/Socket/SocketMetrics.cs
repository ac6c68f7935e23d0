using System.Diagnostics.Metrics;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// The socket API's instruments on the <c>SecretBroker</c> meter (next to the engine's): requests by status and the
/// long polls waiting right now (read from the <see cref="SocketConnectionBudget"/>, which counts them anyway). Tags
/// carry status codes only, never a name or a value.
/// </summary>
internal sealed class SocketMetrics : IDisposable
{
    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _requests;

    public SocketMetrics(IMeterFactory? meterFactory, SocketConnectionBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        // A factory owns (and disposes) its meters, and hands back the engine's meter for the same name.
        Meter meter = meterFactory?.Create("SecretBroker") ?? (_ownedMeter = new Meter("SecretBroker"));
        _requests = meter.CreateCounter<long>(
            "secretbroker.socket.requests", "{request}", "Requests answered by the socket API, by HTTP status.");

        // Observed rather than an UpDownCounter: an exporter reports an up-down counter only once it has moved, and
        // "no watchers" should read 0 from the first scrape on, not be missing.
        meter.CreateObservableUpDownCounter(
            "secretbroker.socket.watchers",
            () => (long)budget.Watching,
            "{request}",
            "Long polls (?wait=N) waiting for a new version right now.");
    }

    public void RecordRequest(int status) =>
        _requests.Add(1, new KeyValuePair<string, object?>("status", StatusText(status)));

    public void Dispose() => _ownedMeter?.Dispose();

    // The common statuses as interned strings: no allocation per request.
    private static string StatusText(int status) => status switch
    {
        200 => "200",
        304 => "304",
        400 => "400",
        403 => "403",
        404 => "404",
        405 => "405",
        413 => "413",
        429 => "429",
        503 => "503",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
