using System.Globalization;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>Every message about the socket's path, directory and lock (the caller names the key, <c>outputs.socket.path</c>).</summary>
internal static class SocketMessages
{
    public static string WritableByOthers(string directory, int mode) =>
        $"the directory {directory} (mode {Octal(mode)}) can be written by other users, who could replace the socket with their own: "
        + "use a directory only the sidecar can write (or sticky and owned by the sidecar's uid), or set outputs.socket.allowSharedDir: true";

    public static string OwnedByOther(string directory, uint owner) =>
        $"the directory {directory} belongs to uid {owner}, who could replace the socket with their own: "
        + "use a directory owned by the sidecar's uid or root, or set outputs.socket.allowSharedDir: true";

    public static string ParentWritableByOthers(string parent, int mode) =>
        $"the socket's parent directory {parent} (mode {Octal(mode)}) can be written by other users and is not sticky: anyone could rename "
        + "the socket's directory away and put their own in its place. Use a path under directories only the sidecar or root can write, "
        + "or set outputs.socket.allowSharedDir: true (clients then need SECRETBROKER_SOCKET_UID)";

    public static string ParentOwnedByOther(string parent, uint owner) =>
        $"the socket's parent directory {parent} belongs to uid {owner}, who could put another directory in place of the socket's: "
        + "use a path under directories owned by the sidecar's uid or root, or set outputs.socket.allowSharedDir: true";

    public static string CannotInspect(string directory, string reason) => $"cannot inspect the directory {directory}: {reason}";

    public static string CannotCreate(string directory) =>
        $"cannot create the directory {directory} (permission denied, or a file is in the way)";

    public static string NotASocket(string path) =>
        $"'{path}' exists and is not a socket; refusing to replace it (remove it or choose another outputs.socket.path)";

    public static string ServedByOther(string path) => $"'{path}' is served by another running process; refusing to take it over";

    public static string Locked(string path, string lockPath, string holder) =>
        $"'{path}' belongs to another running secretbroker ({holder}, holding {lockPath}); refusing to take it over";

    public static string CannotLock(string path, string reason) => $"cannot use the lock file {path}: {reason}";

    public static string LockNotOurs(string path, string lockPath) =>
        $"'{lockPath}' is not a regular file owned by this process's uid; another user or program uses '{path}': choose another outputs.socket.path";

    public static string CannotRemoveStale(string path) =>
        $"cannot remove the stale socket '{path}' left by an earlier run (permission denied?); remove it or choose another outputs.socket.path";

    public static string CannotBind(string path) =>
        $"cannot bind the socket '{path}' (permission denied, or the path is too long for a Unix socket: at most 107 bytes)";

    public static string CannotSetAccess(string path) => $"cannot set the group or mode of the socket '{path}'";

    public static string AddressInUse(string path) =>
        $"'{path}' was bound by another process while starting; refusing to take it over";

    private static string Octal(int mode) => Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0');
}
