using System.Diagnostics;

namespace SecretBroker.EndToEnd.Tests.Infrastructure;

/// <summary>Makes a FIFO (named pipe) with mkfifo(1): reading one blocks until a writer appears.</summary>
internal static class Fifo
{
    public static string Make(string path)
    {
        using Process mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
