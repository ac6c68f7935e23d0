namespace SidecarConsumer;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Hugging Face token rotated; fingerprint now {Fingerprint}")]
    public static partial void TokenRotated(this ILogger logger, string fingerprint);
}
