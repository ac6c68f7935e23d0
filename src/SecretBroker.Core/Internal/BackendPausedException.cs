namespace SecretBroker.Internal;

/// <summary>
/// Raised instead of a backend call while the backend is paused after a throttle: no call was made. Its message names
/// the backend and when calls resume; it carries no Retry-After, so it never extends the pause it reports.
/// </summary>
internal sealed class BackendPausedException(string backend, DateTimeOffset resumeAt)
    : Exception($"Backend '{backend}' is throttled; no calls to it until {resumeAt:O}.")
{
    public DateTimeOffset ResumeAt { get; } = resumeAt;
}
