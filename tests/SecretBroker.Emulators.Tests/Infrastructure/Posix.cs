using System.Runtime.InteropServices;

namespace SecretBroker.Emulators.Tests.Infrastructure;

internal static partial class Posix
{
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);

    public static void Kill(int pid, int signal) =>
        Assert.True(KillNative(pid, signal) == 0, $"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
}
