using System.Runtime.InteropServices;

namespace SecretBroker.Emulators.Oidc;

/// <summary>rename(2) for symlinks: File.Move follows a link to a directory and refuses it.</summary>
internal static partial class Posix
{
    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameNative(string oldPath, string newPath);

    public static void Rename(string oldPath, string newPath)
    {
        if (RenameNative(oldPath, newPath) != 0)
        {
            throw new IOException($"rename({oldPath}, {newPath}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
