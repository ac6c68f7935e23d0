namespace SecretBroker.Configuration.Internal;

/// <summary>Where the provider reads: a socket or a files directory, resolved once when the source is built.</summary>
internal sealed record SidecarLocation(bool IsSocket, string Path)
{
    public const string SocketVariable = "SECRETBROKER_SOCKET";
    public const string DirectoryVariable = "SECRETBROKER_SECRETS_DIR";

    public static SidecarLocation Resolve(SecretBrokerSidecarConfigurationSource source)
    {
        if (!string.IsNullOrWhiteSpace(source.SocketPath))
        {
            return new SidecarLocation(true, source.SocketPath);
        }

        if (!string.IsNullOrWhiteSpace(source.SecretsDirectory))
        {
            return new SidecarLocation(false, source.SecretsDirectory);
        }

        if (source.GetEnvironmentVariable(SocketVariable) is { Length: > 0 } socket)
        {
            return new SidecarLocation(true, socket);
        }

        if (source.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } directory)
        {
            return new SidecarLocation(false, directory);
        }

        // No explicit choice: the socket when the sidecar serves one, else its files.
        return File.Exists(SecretBrokerSidecarConfigurationSource.DefaultSocketPath)
            ? new SidecarLocation(true, SecretBrokerSidecarConfigurationSource.DefaultSocketPath)
            : new SidecarLocation(false, SecretBrokerSidecarConfigurationSource.DefaultSecretsDirectory);
    }
}
