namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// A backend could not be built from its settings: for AWS, an identity whose variables or token file are missing, or
/// an endpoint the backend refuses. Like a bad config, the user fixes it in the config or pod spec: <c>run</c> and
/// <c>check</c> exit 2 with the message and start nothing.
/// </summary>
internal sealed class BackendStartupException : Exception
{
    public BackendStartupException()
    {
    }

    public BackendStartupException(string message)
        : base(message)
    {
    }

    public BackendStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Wraps <paramref name="cause"/>, naming the backend.</summary>
    public static BackendStartupException For(string backend, Exception cause) => new($"backends.{backend}: {cause.Message}", cause);
}
