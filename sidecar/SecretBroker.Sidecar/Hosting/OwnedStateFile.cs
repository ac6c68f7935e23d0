using Microsoft.Win32.SafeHandles;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// The small state files a sidecar keeps beside its generations in the files directory (the version key, each vault
/// backend's login bucket): on the tmpfs volume they outlive a container restart in the pod. Another uid on the node
/// may plant one, so a file is used only when it is ours — a regular file opened without following a symlink, owned by
/// this uid, no group or other permission bit, of the expected size. The files output never removes these names.
/// </summary>
internal static class OwnedStateFile
{
    // Any group or other permission bit: not a file only this sidecar could have written (or read).
    private const int NotOwnerBits = 0x3F;

    /// <summary>Whether <paramref name="name"/> is one of these files (reserved: the files output leaves it alone).</summary>
    public static bool IsReserved(string name) =>
        name == VersionKeyFile.FileName || name.StartsWith(VaultLoginBucketFile.Prefix, StringComparison.Ordinal);

    /// <summary>
    /// The file's bytes, or <see langword="null"/>: absent (<paramref name="refusal"/> null) or not ours or not of the
    /// expected size (<paramref name="refusal"/> says why, from <see cref="StateFileMessages"/>).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="exactSize">The only size accepted, or <see langword="null"/> for any size up to <paramref name="maxSize"/>.</param>
    /// <param name="maxSize">The largest size accepted.</param>
    /// <param name="refusal">Why an existing file was not used.</param>
    public static byte[]? Read(string path, int? exactSize, int maxSize, out string? refusal)
    {
        refusal = null;
        try
        {
            using SafeFileHandle? file = LibC.OpenNoFollow(path);
            if (file is null)
            {
                return null;
            }

            LibC.FileStatus status = LibC.GetStatus(file, path);
            refusal = status switch
            {
                { IsRegularFile: false } => StateFileMessages.NotRegular,
                { OwnerId: var owner } when owner != LibC.EffectiveUserId() => StateFileMessages.WrongOwner,
                { Mode: var mode } when ((int)mode & NotOwnerBits) != 0 => StateFileMessages.TooOpen,
                { Size: var size } when exactSize is { } exact && size != exact => StateFileMessages.WrongSize(exact),
                { Size: var size } when size > maxSize => StateFileMessages.TooLarge(maxSize),
                _ => null,
            };
            if (refusal is not null)
            {
                return null;
            }

            var bytes = new byte[exactSize ?? maxSize];
            int read = RandomAccess.Read(file, bytes, fileOffset: 0);
            if (exactSize is { } expected && read != expected)
            {
                refusal = StateFileMessages.ShortRead;
                return null;
            }

            return bytes[..read];
        }
        catch (IOException ex)
        {
            refusal = StateFileMessages.Failed(ex.Message);
            return null;
        }
    }
}
