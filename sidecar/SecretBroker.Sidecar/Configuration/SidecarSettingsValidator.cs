using System.Globalization;

namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// Turns a <see cref="RawSidecarConfig"/> into the immutable <see cref="SidecarSettings"/>, range-checking every value
/// and collecting every problem (not just the first) so one edit can fix them all.
/// </summary>
internal sealed partial class SidecarSettingsValidator
{
    /// <summary>Refresh interval when a secret gives none.</summary>
    public static readonly TimeSpan DefaultRefresh = TimeSpan.FromMinutes(5);

    /// <summary>Shortest refresh accepted: below this the sidecar would mostly be polling.</summary>
    public static readonly TimeSpan MinimumRefresh = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest refresh accepted: a rotated secret must reach the pod within a day.</summary>
    public static readonly TimeSpan MaximumRefresh = TimeSpan.FromHours(24);

    public const UnixFileMode DefaultFileMode = (UnixFileMode)0b100_100_000; // 0440
    public const UnixFileMode DefaultDirectoryMode = (UnixFileMode)0b111_101_000; // 0750
    public const UnixFileMode DefaultSocketMode = (UnixFileMode)0b110_110_000; // 0660
    public const int DefaultMaxConnections = 64;
    public const int MaximumMaxConnections = 4096;

    private readonly string _baseDirectory;
    private readonly List<ConfigError> _errors;
    private readonly HashSet<string> _reported;

    private SidecarSettingsValidator(string sourcePath, List<ConfigError> errors, HashSet<string> reported)
    {
        _baseDirectory = Path.GetDirectoryName(sourcePath) ?? Path.GetPathRoot(sourcePath) ?? "/";
        _errors = errors;
        _reported = reported;
    }

    /// <summary>Validates <paramref name="raw"/>; returns <see langword="null"/> when <paramref name="errors"/> gained any.</summary>
    /// <param name="raw">The config as read.</param>
    /// <param name="sourcePath">Absolute path of the config file; relative paths in it are resolved against its directory.</param>
    /// <param name="errors">Where problems are added.</param>
    public static SidecarSettings? Validate(RawSidecarConfig raw, string sourcePath, List<ConfigError> errors)
    {
        SidecarSettingsValidator validator = new(sourcePath, errors, raw.Reported);
        int before = errors.Count;
        (Dictionary<string, BackendSettings> backends, HashSet<string> backendNames) = validator.ValidateBackends(raw);
        (List<SecretDefinition> secrets, Dictionary<string, PeerAllowList> access) = validator.ValidateSecrets(raw, backendNames);
        OutputSettings? outputs = validator.ValidateOutputs(raw);
        if (outputs is { Socket: null })
        {
            validator.RejectAllowListsWithoutSocket(raw);
        }

        return errors.Count > before || outputs is null
            ? null
            : new SidecarSettings(sourcePath, backends, secrets, outputs) { SecretAccess = access };
    }

    private (List<SecretDefinition> Secrets, Dictionary<string, PeerAllowList> Access) ValidateSecrets(RawSidecarConfig raw, HashSet<string> backendNames)
    {
        List<SecretDefinition> secrets = [];
        Dictionary<string, PeerAllowList> access = new(StringComparer.Ordinal);
        if (raw.Secrets is null || raw.Secrets.Count == 0)
        {
            string? problem = raw.Secrets is not null ? ConfigMessages.NoSecrets
                : _reported.Contains("secrets") ? null
                : ConfigMessages.Required;
            Error(raw.SecretsLine, "secrets", problem);
            return (secrets, access);
        }

        Dictionary<string, int> firstLineByName = new(StringComparer.Ordinal);
        foreach (RawSecret secret in raw.Secrets)
        {
            if (_reported.Contains(secret.Path))
            {
                continue;
            }

            string? name = RequiredText(secret.Name, secret.Line, secret.Path + ".name");
            if (name is not null)
            {
                if (!SecretName.IsValid(name))
                {
                    Error(secret.Name!.Line, secret.Name.Path, ConfigMessages.InvalidSecretName(name));
                }
                else if (!firstLineByName.TryAdd(name, secret.Name!.Line))
                {
                    Error(secret.Name.Line, secret.Name.Path, ConfigMessages.DuplicateSecretName(name, firstLineByName[name]));
                }
            }

            string? backend = RequiredText(secret.Backend, secret.Line, secret.Path + ".backend");
            if (backend is not null && !backendNames.Contains(backend))
            {
                Error(secret.Backend!.Line, secret.Backend.Path, ConfigMessages.UnknownBackendReference(backend, backendNames));
            }

            string? id = RequiredText(secret.Id, secret.Line, secret.Path + ".id");
            string? key = OptionalText(secret.Key);
            string? version = OptionalText(secret.Version);
            TimeSpan refresh = Refresh(secret.Refresh);
            bool required = Boolean(secret.Required, defaultValue: true);
            PeerAllowList allowed = new(Ids(secret.AllowUids, ConfigMessages.NotAUserId), Ids(secret.AllowGids, ConfigMessages.NotAGroup));
            if (name is not null && backend is not null && id is not null)
            {
                secrets.Add(new SecretDefinition(name, backend, id, refresh) { Key = key, Version = version, Required = required });
                if (!allowed.IsEmpty)
                {
                    access[name] = allowed;
                }
            }
        }

        return (secrets, access);
    }

    private void RejectAllowListsWithoutSocket(RawSidecarConfig raw)
    {
        foreach (RawSecret secret in raw.Secrets ?? [])
        {
            foreach (RawList? list in (RawList?[])[secret.AllowUids, secret.AllowGids])
            {
                if (list is not null)
                {
                    Error(list.Line, list.Path, ConfigMessages.AllowListWithoutSocket);
                }
            }
        }
    }

    private OutputSettings? ValidateOutputs(RawSidecarConfig raw)
    {
        if (raw.Outputs is not { } outputs)
        {
            Error(raw.Line, "outputs", _reported.Contains("outputs") ? null : ConfigMessages.Required);
            return null;
        }

        HttpOutputSettings? http = outputs.Http is null ? null : ValidateHttp(outputs.Http);
        if (outputs.Files is null && outputs.Socket is null)
        {
            // The listener delivers no secret, so on its own the sidecar would fetch secrets for nobody.
            Error(outputs.Line, "outputs", outputs.Http is null ? ConfigMessages.NoOutputs : ConfigMessages.HttpIsNotAnOutput);
            return null;
        }

        FilesOutputSettings? files = outputs.Files is null ? null : ValidateFiles(outputs.Files);
        SocketOutputSettings? socket = outputs.Socket is null ? null : ValidateSocket(outputs.Socket);
        return (outputs.Files is not null && files is null) || (outputs.Socket is not null && socket is null) || (outputs.Http is not null && http is null)
            ? null
            : new OutputSettings(files, socket, http);
    }

    private FilesOutputSettings? ValidateFiles(RawFilesOutput files)
    {
        if (_reported.Contains("outputs.files"))
        {
            return null;
        }

        string? dir = RequiredText(files.Dir, files.Line, "outputs.files.dir");
        UnixFileMode fileMode = Mode(files.FileMode, DefaultFileMode, isDirectory: false);
        UnixFileMode dirMode = Mode(files.DirMode, DefaultDirectoryMode, isDirectory: true);
        int? group = Group(files.Group);
        bool requireTmpfs = Boolean(files.RequireTmpfs, defaultValue: true);
        return dir is null ? null : new FilesOutputSettings(ResolvePath(dir), fileMode, dirMode, group, requireTmpfs);
    }

    private HttpOutputSettings? ValidateHttp(RawHttpOutput http)
    {
        if (_reported.Contains("outputs.http"))
        {
            return null;
        }

        if (RequiredText(http.Listen, http.Line, "outputs.http.listen") is not { } text)
        {
            return null;
        }

        string? problem = ListenAddressText.Check(text, out System.Net.IPEndPoint? endpoint);
        Error(http.Listen!.Line, http.Listen.Path, problem);
        return endpoint is null ? null : new HttpOutputSettings(endpoint);
    }

    private SocketOutputSettings? ValidateSocket(RawSocketOutput socket)
    {
        if (_reported.Contains("outputs.socket"))
        {
            return null;
        }

        string? path = RequiredText(socket.Path, socket.Line, "outputs.socket.path");
        UnixFileMode mode = DefaultSocketMode;
        if (socket.Mode?.Text is { } modeText)
        {
            string? problem = UnixModeText.CheckSocket(modeText, out mode);
            Error(socket.Mode.Line, socket.Mode.Path, problem);
        }

        int? group = Group(socket.Group);
        PeerAllowList allowed = new(Ids(socket.AllowUids, ConfigMessages.NotAUserId), Ids(socket.AllowGids, ConfigMessages.NotAGroup));
        int maxConnections = Integer(socket.MaxConnections, DefaultMaxConnections, 1, MaximumMaxConnections);
        return path is null ? null : new SocketOutputSettings(ResolvePath(path), mode, group, allowed, maxConnections);
    }

    private List<uint> Ids(RawList? list, Func<string, string> notAnId)
    {
        List<uint> ids = [];
        foreach (RawValue item in list?.Items ?? [])
        {
            if (item.Text is { } text && uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out uint id) && id != uint.MaxValue)
            {
                ids.Add(id);
            }
            else
            {
                Error(item.Line, item.Path, notAnId(item.Text ?? ConfigMessages.Nothing));
            }
        }

        return ids;
    }

    private int Integer(RawValue? value, int defaultValue, int minimum, int maximum)
    {
        if (value?.Text is not { } text)
        {
            return defaultValue;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int result))
        {
            Error(value.Line, value.Path, ConfigMessages.NotAnInteger(text));
            return defaultValue;
        }

        if (result < minimum || result > maximum)
        {
            Error(value.Line, value.Path, ConfigMessages.OutOfRange(text, minimum, maximum));
            return defaultValue;
        }

        return result;
    }

    private TimeSpan Refresh(RawValue? value)
    {
        if (OptionalText(value) is not { } text)
        {
            return DefaultRefresh;
        }

        if (!DurationText.TryParse(text, out TimeSpan refresh))
        {
            Error(value!.Line, value.Path, ConfigMessages.NotADuration(text));
        }
        else if (refresh < MinimumRefresh)
        {
            Error(value!.Line, value.Path, ConfigMessages.DurationTooShort(text, MinimumRefresh));
        }
        else if (refresh > MaximumRefresh)
        {
            Error(value!.Line, value.Path, ConfigMessages.DurationTooLong(text, MaximumRefresh));
        }

        return refresh;
    }

    private bool Boolean(RawValue? value, bool defaultValue)
    {
        if (value?.Text is not { } text)
        {
            return defaultValue;
        }

        if (bool.TryParse(text.Trim(), out bool result))
        {
            return result;
        }

        Error(value.Line, value.Path, ConfigMessages.NotABoolean(text));
        return defaultValue;
    }

    private int? Group(RawValue? value)
    {
        if (value?.Text is not { } text)
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int gid))
        {
            return gid;
        }

        Error(value.Line, value.Path, ConfigMessages.NotAGroup(text));
        return null;
    }

    private UnixFileMode Mode(RawValue? value, UnixFileMode defaultValue, bool isDirectory)
    {
        if (value?.Text is not { } text)
        {
            return defaultValue;
        }

        string? problem = UnixModeText.Check(text, isDirectory, out UnixFileMode mode);
        Error(value.Line, value.Path, problem);
        return problem is null ? mode : defaultValue;
    }

    private string? RequiredText(RawValue? value, int parentLine, string path)
    {
        if (value is null)
        {
            Error(parentLine, path, _reported.Contains(path) ? null : ConfigMessages.Required);
            return null;
        }

        if (string.IsNullOrWhiteSpace(value.Text))
        {
            Error(value.Line, value.Path, value.Text is null ? ConfigMessages.Required : ConfigMessages.MustNotBeEmpty);
            return null;
        }

        return value.Text;
    }

    private string? OptionalText(RawValue? value)
    {
        if (value?.Text is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value.Text))
        {
            Error(value.Line, value.Path, ConfigMessages.MustNotBeEmpty);
            return null;
        }

        return value.Text;
    }

    private string ResolvePath(string path) => Path.GetFullPath(path, _baseDirectory);

    private void Error(int line, string path, string? problem)
    {
        if (problem is not null)
        {
            _errors.Add(new ConfigError(line, path, problem));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial System.Text.RegularExpressions.Regex BackendName();
}
