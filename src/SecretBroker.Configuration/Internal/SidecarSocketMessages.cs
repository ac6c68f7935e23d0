namespace SecretBroker.Configuration.Internal;

/// <summary>Every message <see cref="SidecarSocket"/> raises: plain words, never .NET's own exception texts.</summary>
internal static class SidecarSocketMessages
{
    public static string NotFound(string path) =>
        $"there is no socket at {path}: the sidecar is not running, or it serves another path (outputs.socket.path)";

    public static string PermissionDenied(string path) =>
        $"permission denied on {path}: this user may not reach the socket or its directory (check outputs.socket.mode and group)";

    public static string NothingListening(string path) =>
        $"nothing is listening on {path}: the sidecar has stopped (the socket file is left over)";

    public static string NotASocket(string path) => $"{path} is not a socket";

    public static string OwnerUnverifiable(string path, string directory) =>
        $"the socket {path} lies under {directory}, which other users can write to (or another uid owns), so its owner proves nothing about who serves it; "
        + $"set {SidecarSocket.UidVariable} to the sidecar's uid (or move the socket to a directory only the sidecar can write)";

    public static string Impostor(string path, uint peerUid, int peerPid, uint expectedUid) =>
        $"refusing {path}: it is served by uid {peerUid} (pid {peerPid}), not the expected sidecar uid {expectedUid}; "
        + "another process may have taken over the socket";

    public static string PeerUnknown(string path) =>
        $"refusing {path}: the serving process's credentials (SO_PEERCRED) could not be read";

    public static string Other(string path, int errno) => $"cannot connect to {path} (errno {errno})";

    public static string InvalidUid(string value) =>
        $"{SidecarSocket.UidVariable} '{value}' is not a uid (a whole number from 0 to 4294967294)";
}
