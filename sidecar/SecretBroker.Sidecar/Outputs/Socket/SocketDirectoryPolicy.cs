using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// What makes <c>outputs.socket.path</c> acceptable, checked without changing anything: by <c>check</c> and <c>run</c>
/// alike before anything starts (so the two never disagree), and again when the socket output binds.
/// </summary>
/// <remarks>
/// Whoever can write the socket's directory can rename the live socket aside and bind their own in its place, so the
/// directory must be writable by the sidecar's uid alone: no group or other write bit (unless sticky and owned by the
/// sidecar's uid, where only an entry's owner may rename it), and owned by the sidecar's uid or root.
/// Every existing parent must be owned by the sidecar's uid or root and writable by others only when sticky
/// (<see cref="DirectoryAncestry"/>, the files output's rule too): whoever can write a parent can rename the directory
/// away. <c>allowSharedDir: true</c> accepts any directory. A directory that does not exist yet is created by the
/// sidecar with its own mode, so only its parents are judged.
/// </remarks>
internal static class SocketDirectoryPolicy
{
    private const int WriteByGroupOrOthers = 0b000_010_010; // 0022
    private const int StickyBit = 0b001_000_000_000; // 01000

    /// <summary>Every problem with <paramref name="socket"/>'s path and directory as they stand now; empty when usable.</summary>
    /// <remarks>Messages name the path and the problem, never a key path (the caller adds <c>outputs.socket.path</c>).</remarks>
    public static IReadOnlyList<string> Problems(SocketOutputSettings socket) => Problems(socket, LibC.EffectiveUserId());

    /// <summary>The same, for a process running as <paramref name="ownUid"/>.</summary>
    internal static IReadOnlyList<string> Problems(SocketOutputSettings socket, uint ownUid)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.AllowSharedDirectory || Path.GetDirectoryName(socket.Path) is not { Length: > 0 } directory)
        {
            return [];
        }

        try
        {
            List<string> problems = LibC.GetStatus(directory, followSymlink: true) is { } status
                ? Check(directory, status.OwnerId, (int)status.Mode, ownUid)
                : [];
            foreach (DirectoryAncestry.UnsafeParent parent in DirectoryAncestry.UnsafeParents(directory, ownUid))
            {
                problems.Add(parent.ForeignOwner
                    ? SocketMessages.ParentOwnedByOther(parent.Path, parent.Owner)
                    : SocketMessages.ParentWritableByOthers(parent.Path, (int)parent.Mode));
            }

            return problems;
        }
        catch (IOException e)
        {
            return [SocketMessages.CannotInspect(directory, IoProblemText.Describe(e))];
        }
    }

    private static List<string> Check(string directory, uint owner, int mode, uint ownUid)
    {
        List<string> problems = [];
        bool sticky = (mode & StickyBit) != 0;
        if ((mode & WriteByGroupOrOthers) != 0 && !(sticky && owner == ownUid))
        {
            problems.Add(SocketMessages.WritableByOthers(directory, mode));
        }

        if (owner != ownUid && owner != 0)
        {
            problems.Add(SocketMessages.OwnedByOther(directory, owner));
        }

        return problems;
    }
}
