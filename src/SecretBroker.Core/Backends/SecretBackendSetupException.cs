namespace SecretBroker.Backends;

/// <summary>
/// A backend could not be built because its environment refuses the settings: an identity's variable or token file is
/// missing, an endpoint is not allowed. The message names what is missing, never a secret.
/// </summary>
public sealed class SecretBackendSetupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SecretBackendSetupException()
    {
    }

    /// <summary>Creates the exception with a message naming what is wrong.</summary>
    /// <param name="message">What is wrong.</param>
    public SecretBackendSetupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure behind it.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The failure behind it.</param>
    public SecretBackendSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
