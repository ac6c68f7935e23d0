namespace SecretBroker.Configuration;

/// <summary>
/// The sidecar's socket could not be used: not there, not reachable, or served by a process that is not the sidecar.
/// The message is a complete sentence for a person; <see cref="Failure"/> says which case it is.
/// </summary>
public sealed class SidecarSocketException : IOException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public SidecarSocketException()
        : this(SidecarSocketFailure.Other, "the sidecar's socket could not be used")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">What went wrong, in plain words.</param>
    public SidecarSocketException(string message)
        : this(SidecarSocketFailure.Other, message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and the error behind it.</summary>
    /// <param name="message">What went wrong, in plain words.</param>
    /// <param name="innerException">The error behind it.</param>
    public SidecarSocketException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = SidecarSocketFailure.Other;
    }

    /// <summary>Creates an exception for <paramref name="failure"/>.</summary>
    /// <param name="failure">Which case it is.</param>
    /// <param name="message">What went wrong, in plain words.</param>
    /// <param name="innerException">The error behind it, if any.</param>
    public SidecarSocketException(SidecarSocketFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>Which case it is.</summary>
    public SidecarSocketFailure Failure { get; }

    /// <summary>
    /// Whether the socket was refused for safety (an impostor, or an owner that cannot be verified) rather than simply
    /// unreachable: retrying will not help until the pod or the configuration changes.
    /// </summary>
    public bool IsRefusal => Failure is SidecarSocketFailure.Impostor or SidecarSocketFailure.OwnerUnverifiable;
}
