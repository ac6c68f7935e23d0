using System.Globalization;

namespace SecretBroker.Sidecar.Native;

/// <summary>Names for the <c>statfs(2)</c> magic numbers a user is likely to meet (<c>linux/magic.h</c>), for messages.</summary>
internal static class FileSystemNames
{
    private static readonly Dictionary<long, string> Names = new()
    {
        [0x01021994] = "tmpfs",
        [0xef53] = "ext4",
        [0x58465342] = "xfs",
        [0x9123683e] = "btrfs",
        [0x794c7630] = "overlayfs",
        [0x2fc12fc1] = "zfs",
        [0x6969] = "nfs",
        [0xff534d42] = "cifs",
        [0x65735546] = "fuse",
        [0x858458f6] = "ramfs",
        [0x73717368] = "squashfs",
        [0x4d44] = "vfat",
        [0x9fa0] = "proc",
        [0x62656572] = "sysfs",
        [0x63677270] = "cgroup2",
        [0x1cd1] = "devpts",
    };

    /// <summary>"ext4", or "file system type 0x…" for a type without a known name.</summary>
    public static string Describe(long type) =>
        Names.TryGetValue(type, out string? name) ? name : "file system type 0x" + type.ToString("x", CultureInfo.InvariantCulture);
}
