namespace SecretBroker.Sidecar.Cli;

/// <summary>Every message the CLI itself prints (config problems come from <c>ConfigMessages</c>).</summary>
internal static class CliMessages
{
    public const string RootDescription = "SecretBroker sidecar: fetches, caches and rotates secrets and delivers them to the pod.";
    public const string RunDescription = "Run until SIGTERM/SIGINT, delivering secrets to the configured outputs. JSON logs on stdout.";
    public const string OnceDescription =
        "Load every secret once, write the files output (outputs.files) and exit: for init containers. Nothing listens. Exit 0 written, 1 a required secret failed, 2 bad config.";
    public const string OnceInterrupted = "secretbroker run --once: interrupted before the files were written";
    public const string CheckDescription = "Validate the config, fetch every secret once and print a table of the results (never a value).";
    public const string VersionDescription = "Print the version, commit and flavour.";
    public const string ConfigDescription = "The config file (YAML or JSON). Defaults to $SECRETBROKER_CONFIG.";

    public const string GetDescription = "Print one secret's value (exactly its bytes) from a running sidecar's socket.";
    public const string GetNameDescription = "The secret's name.";
    public const string SocketOptionDescription = "The sidecar's socket. Defaults to $SECRETBROKER_SOCKET, else /var/run/secretbroker/broker.sock.";
    public const string SocketUidOptionDescription =
        "The uid the sidecar runs as; the process serving the socket must be it. Defaults to $SECRETBROKER_SOCKET_UID, else the socket file's owner.";

    public const string ProbeDescription = "For kubelet exec probes: ask a running sidecar whether it is ready or live. Silent on success; exit 0 yes, 1 no.";
    public const string ProbeKindDescription = "ready (/readyz: required secrets loaded) or live (/healthz).";

    public const string TimedOut = "no answer in time";
    public const string ConnectionFailed = "the connection failed";
    public const string ConnectionClosedEarly = "the sidecar closed the connection before answering";
    public const string InvalidResponse = "the answer was not valid HTTP";
    public const string RequestFailed = "the request failed";

    public static string GetInvalidName(string name) =>
        $"secretbroker get: '{name}' is not a valid secret name (pattern {SecretName.Pattern})";

    public static string GetFailed(string name, string socket, int status) => status switch
    {
        404 => $"secretbroker get: no secret '{name}' at {socket}",
        403 => $"secretbroker get: this user may not read '{name}' at {socket}",
        503 => $"secretbroker get: '{name}' is not loaded yet at {socket}; retry shortly",
        _ => $"secretbroker get: '{name}' at {socket}: HTTP {status}",
    };

    public static string Unreachable(string command, string socket, string reason) => $"secretbroker {command}: cannot use the sidecar at {socket}: {reason}";

    public static string InvalidSocketUid(string command, string value) =>
        $"secretbroker {command}: --socket-uid / SECRETBROKER_SOCKET_UID '{value}' is not a uid (a whole number from 0 to 4294967294)";

    public static string ProbeFailed(string kind, string socket, int status) => status switch
    {
        503 when kind == "ready" => $"secretbroker probe: not ready at {socket} (required secrets not loaded yet)",
        _ => $"secretbroker probe: not {kind} at {socket}: HTTP {status}",
    };

    public static string SocketPathRefused(string details) =>
        $"secretbroker run: outputs.socket.path cannot be used; nothing was started:\n{details}";

    public static string BackendRefused(string command, string details) =>
        $"secretbroker {command}: a backend cannot be used; nothing was started:\n{details}";

    public static string OnceNeedsFiles(string configPath) =>
        $"secretbroker run --once: {configPath}: outputs.files: not configured; --once writes only the files output, so it needs one";

    public static string OnceRequiredSecretFailed(string name, string backend, string error) =>
        $"secretbroker run --once: required secret '{name}' (backend {backend}) could not be loaded: {error}; nothing was written";

    public static string MissingConfig(string command) =>
        $"secretbroker {command}: no config file: pass --config FILE or set SECRETBROKER_CONFIG";

    public static string InvalidConfig(string command, string details) =>
        $"secretbroker {command}: invalid configuration; nothing was started:\n{details}";

    public static string CannotStart(string command, string details) =>
        $"secretbroker {command}: the configuration cannot be used here; nothing was started:\n{details}";

    public static string OutputDirectoryRefused(string details) =>
        $"secretbroker run: outputs.files.dir cannot be used; nothing was started:\n{details}";

    public static string InvalidLogLevel(string value) =>
        $"secretbroker: SECRETBROKER_LOG_LEVEL '{value}' is not a log level (use Trace, Debug, Information, Warning, Error, Critical or None)";

    public static string Fatal(string command, string details) => $"secretbroker {command}: fatal: {details}";

    public static string UsageHint => "Run 'secretbroker --help' for usage.";

    public static string VersionLine(string informationalVersion) => $"secretbroker {informationalVersion}";

    public static string CommitLine(string commit) => $"commit {commit}";

    public static string FlavorLine(string flavor) => $"flavor {flavor}";
}
