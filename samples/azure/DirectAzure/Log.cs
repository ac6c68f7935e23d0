namespace DirectAzure;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Hugging Face token loaded; fingerprint {Fingerprint}")]
    public static partial void TokenLoaded(this ILogger logger, string fingerprint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Hugging Face token reloaded; fingerprint now {Fingerprint}")]
    public static partial void TokenReloaded(this ILogger logger, string fingerprint);
}
