namespace SecretBroker.Backends;

/// <summary>
/// A backend failure, classified. The message names the secret id and the cause, never a value.
/// </summary>
public sealed class SecretBackendException : Exception
{
    /// <summary>Creates an exception with no inner cause.</summary>
    public SecretBackendException()
    {
    }

    /// <summary>Creates a transient exception with a message.</summary>
    public SecretBackendException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a transient exception with a message and cause.</summary>
    public SecretBackendException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a classified exception.</summary>
    public SecretBackendException(SecretErrorKind kind, string message, Exception? innerException = null, TimeSpan? retryAfter = null)
        : base(message, innerException)
    {
        Kind = kind;
        RetryAfter = retryAfter;
    }

    /// <summary>Transient or permanent.</summary>
    public SecretErrorKind Kind { get; } = SecretErrorKind.Transient;

    /// <summary>The wait the backend asked for (HTTP <c>Retry-After</c>), if any.</summary>
    public TimeSpan? RetryAfter { get; }
}
