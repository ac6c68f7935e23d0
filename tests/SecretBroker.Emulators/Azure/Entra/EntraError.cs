using System.Globalization;
using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Azure.Entra;

/// <summary>
/// Entra's OAuth error body (protocols.md §4): <c>error</c>, <c>error_description</c> starting <c>AADSTS&lt;code&gt;:</c>
/// and ending with the trace and correlation ids and timestamp on CRLF-separated lines (as live answers quoted in
/// Azure/azure-sdk-for-python#8314 and microsoft/AzureTRE#1475 show), <c>error_codes</c>, <c>timestamp</c>,
/// <c>trace_id</c>, <c>correlation_id</c>, <c>error_uri</c>.
/// </summary>
internal sealed record EntraError(int Status, string Error, int Code, string Message)
{
    /// <summary>The counter outcome: <c>AADSTS&lt;code&gt;</c>.</summary>
    public string Outcome => "AADSTS" + Code.ToString(CultureInfo.InvariantCulture);

    public JsonObject ToJson(DateTimeOffset now)
    {
        var trace = Guid.NewGuid().ToString();
        var correlation = Guid.NewGuid().ToString();
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["error"] = Error,
            ["error_description"] = $"{Outcome}: {Message}\r\nTrace ID: {trace}\r\nCorrelation ID: {correlation}\r\nTimestamp: {timestamp}",
            ["error_codes"] = new JsonArray(Code),
            ["timestamp"] = timestamp,
            ["trace_id"] = trace,
            ["correlation_id"] = correlation,
            ["error_uri"] = "https://login.microsoftonline.com/error?code=" + Code.ToString(CultureInfo.InvariantCulture),
        };
    }
}
