using SecretBroker.Backends;

namespace SecretBroker.Internal;

/// <summary>A failure as the engine acts on it.</summary>
/// <param name="Kind">Transient (backoff) or permanent (slow retry).</param>
/// <param name="Message">Why; names no value.</param>
/// <param name="RetryAfter">The wait the backend asked for, if any.</param>
/// <param name="Unexpected">Whether the exception was not one a backend is expected to throw (logged as such).</param>
internal readonly record struct ClassifiedError(SecretErrorKind Kind, string Message, TimeSpan? RetryAfter, bool Unexpected);

/// <summary>The one place that decides whether a failure is transient or permanent.</summary>
internal static class SecretErrorClassifier
{
    /// <summary>Whether <paramref name="exception"/> is our own cancellation, which must propagate rather than count as a failure.</summary>
    public static bool IsOwnCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    /// <summary>Classifies a failure that is not our own cancellation.</summary>
    public static ClassifiedError Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            SecretBackendException backend => new(backend.Kind, backend.Message, backend.RetryAfter, Unexpected: false),

            // No call was made (the backend is paused after a throttle); no Retry-After, so the pause is not extended.
            BackendPausedException paused => new(SecretErrorKind.Transient, paused.Message, null, Unexpected: false),

            // Network trouble and timeouts (an HttpClient timeout surfaces as TaskCanceledException) may pass.
            HttpRequestException or IOException or TimeoutException or OperationCanceledException =>
                new(SecretErrorKind.Transient, Describe(exception), null, Unexpected: false),

            // A bug or an unwrapped SDK error: retrying is the safe default, but it deserves a louder log.
            _ => new(SecretErrorKind.Transient, Describe(exception), null, Unexpected: true),
        };
    }

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
