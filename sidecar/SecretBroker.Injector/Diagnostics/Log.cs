using Microsoft.Extensions.Logging;
using SecretBroker.Injector.Mutation;

namespace SecretBroker.Injector.Diagnostics;

/// <summary>
/// The injector's log events (EventIds 7000–7099; the sidecar's are below 7000). Pods are named by namespace/name and
/// the request uid; no event carries a pod's env, spec or annotations' values other than a denial's own message.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, EventName = "InjectorListening", Level = LogLevel.Information,
        Message = "Serving the admission webhook over HTTPS on {Address} (port {Port})")]
    public static partial void Listening(ILogger logger, string address, int port);

    [LoggerMessage(EventId = 7001, EventName = "PodAdmitted", Level = LogLevel.Information,
        Message = "Admission {Uid} for pod {Pod}: {Outcome}")]
    public static partial void Admitted(ILogger logger, string uid, string pod, MutationOutcome outcome);

    [LoggerMessage(EventId = 7002, EventName = "PodDenied", Level = LogLevel.Warning,
        Message = "Admission {Uid} for pod {Pod} denied: {Reason}")]
    public static partial void Denied(ILogger logger, string uid, string pod, string reason);

    [LoggerMessage(EventId = 7003, EventName = "NotAPod", Level = LogLevel.Warning,
        Message = "Admission {Uid} denied: not a Pod ({Kind})")]
    public static partial void NotAPod(ILogger logger, string uid, string kind);

    [LoggerMessage(EventId = 7004, EventName = "ReviewRejected", Level = LogLevel.Warning,
        Message = "Rejected an admission request: {Reason}")]
    public static partial void Rejected(ILogger logger, string reason);

    /// <summary>Only the exception's type: its message could quote the pod.</summary>
    [LoggerMessage(EventId = 7005, EventName = "MutationFailed", Level = LogLevel.Error,
        Message = "Admission {Uid} for pod {Pod} denied: building the patch failed ({ExceptionType})")]
    public static partial void MutationFailed(ILogger logger, string uid, string pod, string exceptionType);

    [LoggerMessage(EventId = 7010, EventName = "CertificateLoaded", Level = LogLevel.Information,
        Message = "Serving certificate {Subject} (expires {NotAfter:O}, thumbprint {Thumbprint})")]
    public static partial void CertificateLoaded(ILogger logger, string subject, DateTime notAfter, string thumbprint);

    [LoggerMessage(EventId = 7011, EventName = "CertificateReloadFailed", Level = LogLevel.Warning,
        Message = "Could not load the rotated certificate from {CertificateFile} and {KeyFile}; still serving the previous one: {Reason}")]
    public static partial void CertificateReloadFailed(ILogger logger, string certificateFile, string keyFile, string reason);
}
