namespace SecretBroker.Emulators.Hosting;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Service} {Method} {Path} -> {Status}")]
    public static partial void Request(ILogger logger, ServiceKind service, string method, PathString path, int status);
}
