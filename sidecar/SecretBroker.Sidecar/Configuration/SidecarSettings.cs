namespace SecretBroker.Sidecar.Configuration;

/// <summary>The validated, immutable sidecar configuration. Built only by <c>SidecarSettingsLoader</c>.</summary>
/// <param name="SourcePath">Absolute path of the config file it was read from.</param>
/// <param name="Backends">Backends by name, each bound into its type's options (not built yet).</param>
/// <param name="Secrets">Secrets in file order; names unique.</param>
/// <param name="Outputs">Where secrets are delivered.</param>
internal sealed record SidecarSettings(
    string SourcePath,
    IReadOnlyDictionary<string, ConfiguredBackend> Backends,
    IReadOnlyList<SecretDefinition> Secrets,
    OutputSettings Outputs)
{
    /// <summary>Per-secret allow lists for socket reads (<c>secrets[].allowUids/allowGids</c>), by secret name; absent = no narrowing.</summary>
    public IReadOnlyDictionary<string, PeerAllowList> SecretAccess { get; init; } = new Dictionary<string, PeerAllowList>(StringComparer.Ordinal);

    /// <summary>Per-secret file layouts (<c>secrets[].profile</c>, <c>secrets[].format</c>), by secret name; absent = raw.</summary>
    public IReadOnlyDictionary<string, SecretFileDelivery> FileDeliveries { get; init; } = new Dictionary<string, SecretFileDelivery>(StringComparer.Ordinal);

    /// <summary>The <c>huggingface:</c> section; <see langword="null"/> when absent (no verification by <c>check</c>).</summary>
    public HuggingFaceSettings? HuggingFace { get; init; }

    /// <summary>The <c>credentials:</c> section: named AWS credential sets served on <c>outputs.http</c>; empty when absent.</summary>
    public IReadOnlyList<CredentialSetSettings> Credentials { get; init; } = [];

    /// <summary>
    /// The line each key was written on that checks after validation report against (<c>backends.NAME</c>,
    /// <c>outputs.files.dir</c>, <c>outputs.socket.path</c>), so a refused directory or identity is reported as
    /// <c>FILE:LINE: key: problem</c> like any config error.
    /// </summary>
    public IReadOnlyDictionary<string, int> KeyLines { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The line <paramref name="keyPath"/> was written on; 1 when unknown (settings built in code).</summary>
    public int LineOf(string keyPath) => KeyLines.GetValueOrDefault(keyPath, 1);
}

/// <summary>The <c>outputs:</c> section. Files or socket (or both) are configured; http only alongside one of them.</summary>
internal sealed record OutputSettings(FilesOutputSettings? Files, SocketOutputSettings? Socket = null, HttpOutputSettings? Http = null);

/// <summary>The <c>outputs.http</c> section: the loopback listener for health and metrics.</summary>
/// <param name="Listen">A loopback address (127.0.0.0/8 or ::1) and port; port 0 lets the OS choose.</param>
internal sealed record HttpOutputSettings(System.Net.IPEndPoint Listen);

/// <summary>The <c>outputs.socket</c> section.</summary>
/// <param name="Path">Absolute path of the Unix socket.</param>
/// <param name="Mode">Mode of the socket file (default 0660).</param>
/// <param name="Group">Group id to own the socket file; <see langword="null"/> keeps the process's group.</param>
/// <param name="Allowed">Peers allowed to connect (by SO_PEERCRED uid or gid); empty = only the sidecar's own uid.</param>
/// <param name="MaxConnections">Concurrent connections served; beyond it a request gets 429 (default 64).</param>
internal sealed record SocketOutputSettings(string Path, UnixFileMode Mode, int? Group, PeerAllowList Allowed, int MaxConnections)
{
    /// <summary><c>allowSharedDir</c>: accept a socket directory that other users can write to (default false: refused).</summary>
    public bool AllowSharedDirectory { get; init; }
}

/// <summary>Uids and gids a peer may match (either list); both empty means "no list given".</summary>
internal sealed record PeerAllowList(IReadOnlyList<uint> Uids, IReadOnlyList<uint> Gids)
{
    public static PeerAllowList Empty { get; } = new([], []);

    public bool IsEmpty => Uids.Count == 0 && Gids.Count == 0;

    public bool Admits(uint uid, uint gid) => Uids.Contains(uid) || Gids.Contains(gid);
}

/// <summary>The <c>outputs.files</c> section.</summary>
/// <param name="Directory">Absolute output directory.</param>
/// <param name="FileMode">Mode of each secret file (default 0440).</param>
/// <param name="DirectoryMode">Mode of each generation directory and of the output directory if created (default 0750).</param>
/// <param name="Group">Group id to own files and directories (the pod's fsGroup); <see langword="null"/> keeps the process's group.</param>
/// <param name="RequireTmpfs">Refuse a directory that is not on tmpfs (default true).</param>
internal sealed record FilesOutputSettings(string Directory, UnixFileMode FileMode, UnixFileMode DirectoryMode, int? Group, bool RequireTmpfs)
{
    /// <summary><c>allowSharedDir</c>: accept a directory other users can write to or that another uid owns (default false: refused).</summary>
    public bool AllowSharedDirectory { get; init; }
}
