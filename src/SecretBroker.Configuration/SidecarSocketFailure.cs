namespace SecretBroker.Configuration;

/// <summary>Why <see cref="SidecarSocket.ConnectAsync"/> could not hand back a verified connection.</summary>
public enum SidecarSocketFailure
{
    /// <summary>Nothing exists at the socket path: the sidecar is not running, or serves another path.</summary>
    NotFound,

    /// <summary>This process may not reach the socket (file or directory permissions).</summary>
    PermissionDenied,

    /// <summary>A socket file is there but no process listens on it (a stopped sidecar's leftover).</summary>
    NothingListening,

    /// <summary>Something other than a socket is at the path.</summary>
    NotASocket,

    /// <summary>
    /// No serving uid was configured and the socket's directory lets other users replace the socket, so the socket
    /// file's owner proves nothing about who serves it.
    /// </summary>
    OwnerUnverifiable,

    /// <summary>The process serving the socket runs as another uid than expected: an impostor, refused.</summary>
    Impostor,

    /// <summary>Any other failure to connect.</summary>
    Other,
}
