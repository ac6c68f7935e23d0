using SecretBroker.Sidecar.Flavors;

namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// Turns a <see cref="RawSidecarConfig"/> into the immutable <see cref="SidecarSettings"/>, range-checking every value
/// and collecting every problem (not just the first) so one edit can fix them all.
/// </summary>
internal sealed partial class SidecarSettingsValidator
{
    public const UnixFileMode DefaultFileMode = (UnixFileMode)0b100_100_000; // 0440
    public const UnixFileMode DefaultDirectoryMode = (UnixFileMode)0b111_101_000; // 0750
    public const UnixFileMode DefaultSocketMode = (UnixFileMode)0b110_110_000; // 0660
    public const int DefaultMaxConnections = 64;
    public const int MaximumMaxConnections = 4096;

    private readonly string _baseDirectory;
    private readonly List<SettingsError> _errors;
    private readonly HashSet<string> _reported;
    private readonly SidecarFlavor _flavor;

    private SidecarSettingsValidator(string sourcePath, List<SettingsError> errors, HashSet<string> reported, SidecarFlavor flavor)
    {
        _flavor = flavor;
        _baseDirectory = Path.GetDirectoryName(sourcePath) ?? Path.GetPathRoot(sourcePath) ?? "/";
        _errors = errors;
        _reported = reported;
    }

    /// <summary>Validates <paramref name="raw"/>; returns <see langword="null"/> when <paramref name="errors"/> gained any.</summary>
    /// <param name="raw">The config as read.</param>
    /// <param name="sourcePath">Absolute path of the config file; relative paths in it are resolved against its directory.</param>
    /// <param name="errors">Where problems are added.</param>
    /// <param name="flavor">The build whose features the config may use; <see langword="null"/>: this binary's.</param>
    public static SidecarSettings? Validate(RawSidecarConfig raw, string sourcePath, List<SettingsError> errors, SidecarFlavor? flavor = null)
    {
        flavor ??= SidecarFlavor.Current;
        SidecarSettingsValidator validator = new(sourcePath, errors, raw.Reported, flavor);
        int before = errors.Count;
        SecretBrokerSettingsReader reader = new(SidecarBackendTypes.Create(flavor), validator._baseDirectory);
        SecretBrokerSettings? shared = reader.Read(
            new SecretBrokerSettingsReader.Sections(raw.Backends, raw.BackendsLine, raw.Secrets, raw.SecretsLine, raw.Line),
            rootPath: string.Empty,
            errors,
            raw.Reported);
        OutputSettings? outputs = validator.ValidateOutputs(raw);
        HuggingFaceSettings? huggingFace = validator.ValidateHuggingFace(raw, shared);
        List<CredentialSetSettings> credentials = validator.ValidateCredentials(raw, shared);
        if (outputs is { Socket: null })
        {
            validator.RejectAllowListsWithoutSocket(shared);
        }

        return errors.Count > before || outputs is null || shared is null
            ? null
            : new SidecarSettings(sourcePath, shared.Backends, [.. shared.Secrets.Select(secret => secret.Definition)], outputs)
            {
                SecretAccess = Access(shared),
                FileDeliveries = FileDeliveries(shared),
                HuggingFace = huggingFace,
                Credentials = credentials,
                KeyLines = KeyLines(raw, shared),
            };
    }

    private static Dictionary<string, int> KeyLines(RawSidecarConfig raw, SecretBrokerSettings shared)
    {
        Dictionary<string, int> lines = new(StringComparer.Ordinal);
        foreach (ConfiguredBackend backend in shared.Backends.Values)
        {
            lines["backends." + backend.Name] = backend.Line;
        }

        foreach (SettingsValue? value in (SettingsValue?[])[raw.Outputs?.Files?.Dir, raw.Outputs?.Socket?.Path])
        {
            if (value is not null)
            {
                lines[value.Path] = value.Line;
            }
        }

        return lines;
    }

    private static Dictionary<string, PeerAllowList> Access(SecretBrokerSettings shared)
    {
        Dictionary<string, PeerAllowList> access = new(StringComparer.Ordinal);
        foreach (ConfiguredSecret secret in shared.Secrets)
        {
            if (secret.AllowUids.Count > 0 || secret.AllowGids.Count > 0)
            {
                access[secret.Definition.Name] = new PeerAllowList(secret.AllowUids, secret.AllowGids);
            }
        }

        return access;
    }

    /// <summary>Allow lists narrow socket reads; with no socket they would do nothing, so they are refused.</summary>
    private void RejectAllowListsWithoutSocket(SecretBrokerSettings? shared)
    {
        foreach (ConfiguredSecret secret in shared?.Secrets ?? [])
        {
            foreach ((int line, string path) in secret.AllowListKeys)
            {
                Error(line, path, ConfigMessages.AllowListWithoutSocket);
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
}
