using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs;

/// <summary>
/// The parents of an output path that would let someone else replace it: whoever can write a parent (without the
/// sticky bit) or owns it can rename the directory below it away and put their own in its place. The files output and
/// the socket output apply the same rule to every existing parent, so a private directory inside a shared one (an
/// <c>emptyDir</c> root is <c>0777</c>) is refused by both unless <c>allowSharedDir</c> says otherwise.
/// </summary>
internal static class DirectoryAncestry
{
    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>One parent another user could use to replace what lies below it.</summary>
    /// <param name="Path">The parent directory.</param>
    /// <param name="Owner">Its owner's uid.</param>
    /// <param name="Mode">Its permission bits.</param>
    /// <param name="ForeignOwner">Owned by neither <c>self</c> nor root.</param>
    /// <param name="WritableByOthers">Writable by group or others, and not sticky.</param>
    internal readonly record struct UnsafeParent(string Path, uint Owner, UnixFileMode Mode, bool ForeignOwner, bool WritableByOthers);

    /// <summary>Every existing parent of <paramref name="path"/> (nearest first) that another user than <paramref name="self"/> or root could use.</summary>
    /// <exception cref="IOException">A parent's status cannot be read.</exception>
    public static IEnumerable<UnsafeParent> UnsafeParents(string path, uint self)
    {
        for (string? parent = System.IO.Path.GetDirectoryName(path); parent is not null; parent = System.IO.Path.GetDirectoryName(parent))
        {
            if (LibC.GetStatus(parent, followSymlink: true) is not { IsDirectory: true } status)
            {
                continue;
            }

            bool foreign = status.OwnerId != self && status.OwnerId != 0;
            bool writable = (status.Mode & WritableByOthers) != 0 && (status.Mode & UnixFileMode.StickyBit) == 0;
            if (foreign || writable)
            {
                yield return new UnsafeParent(parent, status.OwnerId, status.Mode, foreign, writable);
            }
        }
    }
}
