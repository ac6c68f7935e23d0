using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>Who is on the other end of a Unix-socket connection, as the kernel recorded it at <c>connect(2)</c>.</summary>
/// <param name="Pid">The peer's process id.</param>
/// <param name="Uid">Its effective user id.</param>
/// <param name="Gid">Its effective (primary) group id; supplementary groups are not reported by SO_PEERCRED.</param>
internal readonly record struct PeerCredentials(int Pid, uint Uid, uint Gid)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;
    private const int UcredSize = 12; // struct ucred { pid_t pid; uid_t uid; gid_t gid; }

    /// <summary>Reads SO_PEERCRED; <see langword="null"/> when the kernel does not answer (not a Unix socket).</summary>
    public static PeerCredentials? TryRead(System.Net.Sockets.Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> ucred = stackalloc byte[UcredSize];
        try
        {
            if (socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred) < UcredSize)
            {
                return null;
            }
        }
        catch (SocketException)
        {
            return null;
        }

        return new PeerCredentials(
            MemoryMarshal.Read<int>(ucred),
            MemoryMarshal.Read<uint>(ucred[4..]),
            MemoryMarshal.Read<uint>(ucred[8..]));
    }
}
