namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>The configured socket path cannot be used (something else is there, or another live sidecar owns it).</summary>
internal sealed class SocketPathException : Exception
{
    public SocketPathException()
    {
    }

    public SocketPathException(string message)
        : base(message)
    {
    }

    public SocketPathException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
