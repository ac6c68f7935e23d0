using Microsoft.Extensions.Logging;

namespace SecretBroker.Sidecar.Diagnostics;

/// <summary>Log events of the loopback HTTP listener (EventIds 4100–4199).</summary>
internal static partial class Log
{
    /// <summary>The bound address, with the real port when <c>listen</c> asked for port 0 (tests read it here).</summary>
    [LoggerMessage(EventId = 4100, EventName = "HttpListening", Level = LogLevel.Information,
        Message = "Serving health and metrics on {Address} (port {Port})")]
    public static partial void HttpListening(ILogger logger, string address, int port);

    [LoggerMessage(EventId = 4101, EventName = "HttpClosed", Level = LogLevel.Information,
        Message = "Closed the loopback HTTP listener")]
    public static partial void HttpClosed(ILogger logger);
}
