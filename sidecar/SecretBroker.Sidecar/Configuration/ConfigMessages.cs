using System.Globalization;

namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// Every message a user can see about a config file, in one place (so wording stays consistent and reviewable).
/// Each is the <c>&lt;problem&gt;</c> part of <c>&lt;file&gt;:&lt;line&gt;: &lt;key.path&gt;: &lt;problem&gt;</c>.
/// Config files hold no secret values, so echoing what was written is safe.
/// </summary>
internal static partial class ConfigMessages
{
    // File and syntax.
    public const string EmptyFile = "the file is empty (expected a mapping with backends, secrets and outputs)";
    public const string MoreThanOneDocument = "only one YAML document is allowed";
    public const string KeyNotAString = "a key must be a plain string";
    public const string Nothing = SettingsMessages.Nothing;

    public static string CannotRead(string reason) => $"cannot read the file: {reason}";

    public static string TooLarge(long maxBytes) =>
        Invariant($"larger than {maxBytes / 1024} KiB; a sidecar config is a few kilobytes");

    public static string NestedTooDeep(int maxDepth) =>
        Invariant($"nested more than {maxDepth} levels deep (a sidecar config is at most 5 deep)");

    public static string PipeTimedOut(TimeSpan wait) =>
        $"it is a pipe or FIFO and no writer delivered the file within {DurationText.Format(wait)}";

    // Why a file cannot be read, in our words: .NET's own texts print as resource keys in the AOT build.
    public const string IsADirectory = "it is a directory; give the config file's path";
    public const string IsADevice = "it is a device, not a file";
    public const string IsNotAFile = "it is not a regular file, pipe or FIFO";
    public const string NoSuchFile = "no such file";
    public const string NoSuchDirectory = "a directory on the path does not exist";
    public const string PermissionDenied = "permission denied";
    public const string NotADirectoryOnPath = "a component of the path is not a directory";
    public const string TooManySymlinks = "too many levels of symbolic links (a symlink loop?)";
    public const string PathTooLong = "the path is too long";
    public const string NoDeviceOrSocket = "nothing to open there (a socket, or a device that is not present)";
    public const string NoSpace = "no space left on the device";
    public const string ReadOnlyFileSystem = "the file system is read-only";
    public const string TooManyOpenFiles = "too many open files";
    public const string InputOutputError = "an input/output error from the device";
    public const string FileBusy = "the file is busy";
    public const string QuotaExceeded = "the disk quota is exceeded";

    public static string OtherIoError(int errno, string systemText) => Invariant($"{systemText} (errno {errno})");

    public static string SyntaxError(string detail) => $"not valid YAML or JSON: {detail}";

    public static string AliasNotSupported(string alias) => $"YAML aliases (*{alias}) are not supported; write the value out";

    // Structure.
    public static string RootNotMapping(string found) => $"expected a mapping with backends, secrets and outputs, found {found}";

    public static string ExpectedMapping(string found) => SettingsMessages.ExpectedMapping(found);

    public static string ExpectedList(string found) => SettingsMessages.ExpectedList(found);

    public static string ExpectedValue(string found) => SettingsMessages.ExpectedValue(found);

    public static string UnknownKey(IEnumerable<string> allowed) => SettingsMessages.UnknownKey(allowed);

    public static string DuplicateKey(int firstLine) => SettingsMessages.DuplicateKey(firstLine);

    public const string Required = SettingsMessages.Required;
    public const string MustNotBeEmpty = SettingsMessages.MustNotBeEmpty;

    public static string NotABoolean(string text) => SettingsMessages.NotABoolean(text);

    // Outputs.
    public const string NoOutputs = "at least one output is required (outputs.files or outputs.socket)";
    public const string HttpIsNotAnOutput =
        "outputs.http serves health and metrics only (and credential sets, which need outputs.files), never secrets; configure outputs.files or outputs.socket as well";

    public static string NotAListenAddress(string text) =>
        $"'{text}' is not a listen address (write host:port, e.g. 127.0.0.1:8787 or [::1]:8787)";

    public static string ListenNotLoopback(string text) =>
        $"'{text}' is not a loopback address; the sidecar listens only on the pod's loopback (127.0.0.0/8, [::1] or localhost)";
    public const string AllowListWithoutSocket =
        "applies to reads over outputs.socket, which is not configured (file access is set by outputs.files.fileMode and group)";

    public static string NotAMode(string text) => $"'{text}' is not an octal file mode (write it quoted, e.g. \"0440\")";

    public static string ModeHasSpecialBits(string text) => $"'{text}' sets setuid, setgid or sticky bits, which are not allowed";

    public static string ModeGrantsOther(string text) => $"'{text}' grants permissions to others; secrets are for the owner and group only (e.g. 0440 / 0750)";

    public static string FileModeGrantsWrite(string text) => $"'{text}' grants write permission; secret files are read-only (e.g. 0440)";

    public static string FileModeGrantsNoRead(string text) => $"'{text}' lets nobody read the files (e.g. 0440)";

    public static string DirModeLacksOwnerAccess(string text) => $"'{text}' must give the owner read, write and search (0700) so the sidecar can publish";

    public static string SocketModeLacksOwnerAccess(string text) =>
        $"'{text}' must give the owner read and write (0600): connecting to a socket needs write permission";

    public static string NotAUserId(string text) => SettingsMessages.NotAUserId(text);

    public static string NotAnInteger(string text) => $"'{text}' is not a whole number";

    public static string OutOfRange(string text, int minimum, int maximum) => Invariant($"'{text}' is out of range ({minimum} to {maximum})");

    public static string NotAGroup(string text) => SettingsMessages.NotAGroup(text);

    // Hugging Face.
    public const string VerifyWithoutHuggingFaceSecret = "there is no secret with profile: huggingface to verify";

    public static string NotAHubEndpoint(string text) => $"'{text}' is not a base URL (write e.g. https://huggingface.co)";

    public static string HubEndpointNotHttps(string text) =>
        $"'{text}' is plain http to a host that is not loopback; a token is sent there, so use https";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
