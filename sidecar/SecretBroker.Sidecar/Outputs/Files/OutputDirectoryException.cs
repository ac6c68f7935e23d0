namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>The output directory cannot be used (not tmpfs, not writable, not a directory).</summary>
internal sealed class OutputDirectoryException : Exception
{
    public OutputDirectoryException()
    {
    }

    public OutputDirectoryException(string message)
        : base(message)
    {
    }

    public OutputDirectoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
