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
    private readonly List<SettingsError> _errors;
    private readonly HashSet<string> _reported;

    private SidecarSettingsValidator(string sourcePath, List<SettingsError> errors, HashSet<string> reported)
    {
        _baseDirectory = Path.GetDirectoryName(sourcePath) ?? Path.GetPathRoot(sourcePath) ?? "/";
        _errors = errors;
        _reported = reported;
    }

    /// <summary>Validates <paramref name="raw"/>; returns <see langword="null"/> when <paramref name="errors"/> gained any.</summary>
    /// <param name="raw">The config as read.</param>
    /// <param name="sourcePath">Absolute path of the config file; relative paths in it are resolved against its directory.</param>
    /// <param name="errors">Where problems are added.</param>
    public static SidecarSettings? Validate(RawSidecarConfig raw, string sourcePath, List<SettingsError> errors)
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
            : new SidecarSettings(sourcePath, backends, secrets, outputs) { SecretAccess = access, KeyLines = KeyLines(raw) };
    }

    private static Dictionary<string, int> KeyLines(RawSidecarConfig raw)
    {
        Dictionary<string, int> lines = new(StringComparer.Ordinal);
        foreach (RawBackend backend in raw.Backends ?? [])
        {
            lines[backend.Path] = backend.Line;
        }

        foreach (RawValue? value in (RawValue?[])[raw.Outputs?.Files?.Dir, raw.Outputs?.Socket?.Path])
        {
            if (value is not null)
            {
                lines[value.Path] = value.Line;
            }
        }

        return lines;
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

    private string ResolvePath(string path) => Path.GetFullPath(path, _baseDirectory);

    private void Error(int line, string path, string? problem)
    {
        if (problem is not null)
        {
            _errors.Add(new SettingsError(line, path, problem));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial System.Text.RegularExpressions.Regex BackendName();
}
