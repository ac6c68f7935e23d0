using System.Diagnostics.Metrics;
using System.Globalization;

namespace SecretBroker.Sidecar.Outputs.Http.Credentials;

/// <summary>
/// The credentials route's instruments on the <c>SecretBroker</c> meter: requests by status, and how many sets are
/// being served stale right now (their source failing, the last good keys still valid) — for <c>aws-assume-role</c>
/// sets the only stale signal, since their engine keeps its own metrics private.
/// </summary>
internal sealed class CredentialsMetrics : IDisposable
{
    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _requests;

    public CredentialsMetrics(IMeterFactory? meterFactory, CredentialSetCatalog catalog, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(time);

        // A factory owns (and disposes) its meters, and hands back the engine's meter for the same name.
        Meter meter = meterFactory?.Create("SecretBroker") ?? (_ownedMeter = new Meter("SecretBroker"));
        _requests = meter.CreateCounter<long>("secretbroker.credentials.requests", "{request}", "Requests to the credentials route, by HTTP status.");
        meter.CreateObservableGauge(
            "secretbroker.credentials.stale",
            () => catalog.CountStale(time.GetUtcNow()),
            unit: null,
            "Credential sets served from keys whose source is failing (still unexpired).");
    }

    public void Request(int status) => _requests.Add(1, new KeyValuePair<string, object?>("status", status.ToString(CultureInfo.InvariantCulture)));

    public void Dispose() => _ownedMeter?.Dispose();
}
