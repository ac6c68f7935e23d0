using Microsoft.Extensions.Logging;

namespace SecretBroker.Sidecar.Diagnostics;

/// <summary>
/// Log events of the model-store credentials route (EventIds 4150–4169): the audit trail of served and refused
/// requests, folded per window. Never a secret key, a session token or the Authorization token: set names, access key
/// ids (which CloudTrail shows too) and counts only.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4150, EventName = "CredentialsServed", Level = LogLevel.Information,
        Message = "Credential set {SetName} served (access key {AccessKeyId})")]
    public static partial void CredentialsServed(ILogger logger, string setName, string accessKeyId);

    [LoggerMessage(EventId = 4151, EventName = "CredentialsServedRepeated", Level = LogLevel.Information,
        Message = "Credential set {SetName} served {Count} more times (access key {AccessKeyId}) in the last {WindowSeconds} s")]
    public static partial void CredentialsServedRepeated(ILogger logger, string setName, string accessKeyId, int count, double windowSeconds);

    [LoggerMessage(EventId = 4152, EventName = "CredentialsRefused", Level = LogLevel.Warning,
        Message = "Refused a request for credential set {SetName}: {Reason} Authorization token")]
    public static partial void CredentialsRefused(ILogger logger, string setName, string reason);

    [LoggerMessage(EventId = 4153, EventName = "CredentialsRefusedRepeated", Level = LogLevel.Warning,
        Message = "Refused {Count} more requests for credential set {SetName} ({Reason} Authorization token) in the last {WindowSeconds} s")]
    public static partial void CredentialsRefusedRepeated(ILogger logger, string setName, string reason, int count, double windowSeconds);

    [LoggerMessage(EventId = 4154, EventName = "CredentialsUntracked", Level = LogLevel.Warning,
        Message = "{Count} credentials requests beyond the {MaxTracked} tracked one by one in the last {WindowSeconds} s")]
    public static partial void CredentialsUntracked(ILogger logger, int count, int maxTracked, double windowSeconds);

    [LoggerMessage(EventId = 4155, EventName = "CredentialsTokenWritten", Level = LogLevel.Information,
        Message = "Wrote the credentials route's Authorization token to {TokenPath}; serving credential sets {SetNames}")]
    public static partial void CredentialsTokenWritten(ILogger logger, string tokenPath, string setNames);
}
