using System.Globalization;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs;

/// <summary>
/// Who holds the <c>flock(2)</c> on a file, as the kernel lists it in <c>/proc/locks</c>
/// (<c>1: FLOCK  ADVISORY  WRITE 4242 00:1b:42067 0 EOF</c>: pid, then device major:minor (hex) and inode). The
/// holder's own pid in the file is written just after it takes the lock, so a loser racing it may find the file
/// still empty; the kernel's list has no such gap.
/// </summary>
internal static class FlockHolder
{
    private const string LocksPath = "/proc/locks";

    /// <summary>The pid holding a <c>flock</c> on <paramref name="path"/>; <see langword="null"/> when the kernel does not say.</summary>
    public static int? Pid(string path)
    {
        try
        {
            if (LibC.GetStatus(path, followSymlink: false) is not { } status)
            {
                return null;
            }

            string identity = string.Create(CultureInfo.InvariantCulture, $"{status.DeviceMajor:x2}:{status.DeviceMinor:x2}:{status.Inode}");
            foreach (string line in File.ReadLines(LocksPath))
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

                // "1:" "FLOCK" "ADVISORY" "WRITE" pid identity start end; a "->" marks a waiter, never the holder.
                if (fields.Length >= 6 && fields[1] == "FLOCK" && fields[5] == identity
                    && int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out int holder))
                {
                    return holder;
                }
            }
        }
        catch (IOException)
        {
            // No /proc (macOS, for development): the pid written in the file is all there is.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
