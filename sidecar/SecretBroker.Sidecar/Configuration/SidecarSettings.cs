namespace SecretBroker.Sidecar.Configuration;

/// <summary>The validated, immutable sidecar configuration. Built only by <c>SidecarSettingsLoader</c>.</summary>
/// <param name="SourcePath">Absolute path of the config file it was read from.</param>
/// <param name="Backends">Backend instances by name.</param>
/// <param name="Secrets">Secrets in file order; names unique.</param>
/// <param name="Outputs">Where secrets are delivered.</param>
internal sealed record SidecarSettings(
    string SourcePath,
    IReadOnlyDictionary<string, BackendSettings> Backends,
    IReadOnlyList<SecretDefinition> Secrets,
    OutputSettings Outputs)
{
    /// <summary>Per-secret allow lists for socket reads (<c>secrets[].allowUids/allowGids</c>), by secret name; absent = no narrowing.</summary>
    public IReadOnlyDictionary<string, PeerAllowList> SecretAccess { get; init; } = new Dictionary<string, PeerAllowList>(StringComparer.Ordinal);

    /// <summary>
    /// The line each key was written on that checks after validation report against (<c>backends.NAME</c>,
    /// <c>outputs.files.dir</c>, <c>outputs.socket.path</c>), so a refused directory or identity is reported as
    /// <c>FILE:LINE: key: problem</c> like any config error.
    /// </summary>
    public IReadOnlyDictionary<string, int> KeyLines { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The line <paramref name="keyPath"/> was written on; 1 when unknown (settings built in code).</summary>
    public int LineOf(string keyPath) => KeyLines.GetValueOrDefault(keyPath, 1);
}

/// <summary>One configured backend instance.</summary>
/// <param name="Name">The key under <c>backends:</c>.</param>
/// <param name="Type">The <c>type:</c> value, e.g. <c>file</c>.</param>
internal abstract record BackendSettings(string Name, string Type);

/// <summary>A <c>file</c> backend: a directory with one file per secret, or one JSON object file.</summary>
/// <param name="Path">Absolute path (relative paths in the config are resolved against the config file's directory).</param>
internal sealed record FileBackendSettings(string Name, string Path) : BackendSettings(Name, "file");

/// <summary>An <c>aws-secrets-manager</c> backend. Identity is resolved (and fails closed) when the backend is built, not here.</summary>
/// <param name="Region">The AWS region, e.g. <c>us-west-2</c>.</param>
internal sealed record AwsBackendSettings(string Name, string Region) : BackendSettings(Name, "aws-secrets-manager")
{
    /// <summary><c>endpoint</c>: Secrets Manager endpoint override; else AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the regional endpoint.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary><c>stsEndpoint</c>: STS endpoint override for IRSA; else AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the regional endpoint.</summary>
    public Uri? StsEndpoint { get; init; }

    /// <summary><c>identity</c>: <c>auto</c> (default), <c>irsa</c> or <c>pod-identity</c>.</summary>
    public string Identity { get; init; } = "auto";

    /// <summary><c>roleArn</c>: IRSA role; overrides AWS_ROLE_ARN.</summary>
    public string? RoleArn { get; init; }

    /// <summary><c>webIdentityTokenFile</c>: absolute IRSA token path; overrides AWS_WEB_IDENTITY_TOKEN_FILE.</summary>
    public string? WebIdentityTokenFile { get; init; }

    /// <summary><c>roleSessionName</c>: overrides AWS_ROLE_SESSION_NAME.</summary>
    public string? RoleSessionName { get; init; }

    /// <summary><c>allowFallback</c>: use the SDK default chain when the identity is missing (default false: fail closed).</summary>
    public bool AllowFallback { get; init; }

    /// <summary><c>refreshMode</c>: <c>batch</c> (default) or <c>probe</c>.</summary>
    public string RefreshMode { get; init; } = "batch";
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
