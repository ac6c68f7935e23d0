namespace SecretBroker.Sidecar.Configuration;

/// <summary>The <c>backends:</c> section: one method per backend type, each rejecting keys its type does not know.</summary>
internal sealed partial class SidecarSettingsValidator
{
    private static readonly string[] FileBackendKeys = ["type", "path"];

    private static readonly string[] AwsBackendKeys =
    [
        "type", "region", "endpoint", "stsEndpoint", "identity", "roleArn", "webIdentityTokenFile", "roleSessionName", "allowFallback", "refreshMode",
    ];

    private static readonly string[] AwsIdentities = ["auto", "irsa", "pod-identity"];
    private static readonly string[] AwsRefreshModes = ["batch", "probe"];
    private static readonly string[] UnavailableBackendTypes = ["azure-key-vault", "vault"];

    private (Dictionary<string, BackendSettings> Backends, HashSet<string> Names) ValidateBackends(RawSidecarConfig raw)
    {
        Dictionary<string, BackendSettings> backends = new(StringComparer.Ordinal);
        HashSet<string> names = new(StringComparer.Ordinal);
        if (raw.Backends is null)
        {
            Error(raw.BackendsLine, "backends", _reported.Contains("backends") ? null : ConfigMessages.Required);
            return (backends, names);
        }

        if (raw.Backends.Count == 0)
        {
            Error(raw.BackendsLine, "backends", ConfigMessages.NoBackends);
        }

        foreach (RawBackend backend in raw.Backends)
        {
            names.Add(backend.Name);
            if (!BackendName().IsMatch(backend.Name))
            {
                Error(backend.Line, backend.Path, ConfigMessages.InvalidBackendName(backend.Name));
            }

            if (_reported.Contains(backend.Path))
            {
                continue;
            }

            string? type = RequiredText(backend.Type, backend.Line, backend.Path + ".type");
            if (type is null)
            {
                continue;
            }

            if (Array.IndexOf(UnavailableBackendTypes, type) >= 0)
            {
                // Say so rather than accept keys this build would ignore.
                Error(backend.Type!.Line, backend.Type.Path, ConfigMessages.BackendTypeNotAvailable(type));
                continue;
            }

            BackendSettings? settings = type switch
            {
                "file" => ValidateFileBackend(backend),
                "aws-secrets-manager" => ValidateAwsBackend(backend),
                _ => UnknownType(backend.Type!, type),
            };
            if (settings is not null)
            {
                backends[backend.Name] = settings;
            }
        }

        return (backends, names);
    }

    private BackendSettings? UnknownType(RawValue type, string text)
    {
        Error(type.Line, type.Path, ConfigMessages.UnknownBackendType(text));
        return null;
    }

    private FileBackendSettings? ValidateFileBackend(RawBackend backend)
    {
        RejectUnknownKeys(backend, "file", FileBackendKeys);
        return RequiredText(backend.FilePath, backend.Line, backend.Path + ".path") is { } path
            ? new FileBackendSettings(backend.Name, ResolvePath(path))
            : null;
    }

    private AwsBackendSettings? ValidateAwsBackend(RawBackend backend)
    {
        int before = _errors.Count;
        RejectUnknownKeys(backend, "aws-secrets-manager", AwsBackendKeys);
        string? region = RequiredText(backend.Setting("region"), backend.Line, backend.Path + ".region");
        if (region is not null && !AwsRegion().IsMatch(region.Trim()))
        {
            Error(backend.Setting("region")!.Line, backend.Setting("region")!.Path, ConfigMessages.NotAnAwsRegion(region));
        }

        Uri? endpoint = HttpUrl(backend.Setting("endpoint"));
        Uri? stsEndpoint = HttpUrl(backend.Setting("stsEndpoint"));
        string identity = OneOf(backend.Setting("identity"), AwsIdentities, "auto");
        string? roleArn = OptionalText(backend.Setting("roleArn"));
        string? tokenFile = OptionalText(backend.Setting("webIdentityTokenFile"));
        if (tokenFile is not null)
        {
            tokenFile = ResolvePath(tokenFile);
        }

        string? sessionName = OptionalText(backend.Setting("roleSessionName"));
        bool allowFallback = Boolean(backend.Setting("allowFallback"), defaultValue: false);
        string refreshMode = OneOf(backend.Setting("refreshMode"), AwsRefreshModes, "batch");
        if (identity == "pod-identity")
        {
            // These only steer IRSA; accepting them with pod-identity would suggest they do something.
            foreach (string irsaOnly in (string[])["roleArn", "webIdentityTokenFile", "roleSessionName", "stsEndpoint"])
            {
                if (backend.Setting(irsaOnly) is { } value)
                {
                    Error(value.Line, value.Path, ConfigMessages.IrsaOnlyKey(irsaOnly));
                }
            }
        }

        return _errors.Count > before || region is null
            ? null
            : new AwsBackendSettings(backend.Name, region.Trim())
            {
                Endpoint = endpoint,
                StsEndpoint = stsEndpoint,
                Identity = identity,
                RoleArn = roleArn,
                WebIdentityTokenFile = tokenFile,
                RoleSessionName = sessionName,
                AllowFallback = allowFallback,
                RefreshMode = refreshMode,
            };
    }

    private void RejectUnknownKeys(RawBackend backend, string type, string[] allowed)
    {
        IEnumerable<RawValue> unknown = backend.Settings
            .Where(pair => Array.IndexOf(allowed, pair.Key) < 0)
            .Select(pair => pair.Value)
            .Concat(backend.OtherKeys)
            .OrderBy(value => value.Line);
        foreach (RawValue value in unknown)
        {
            Error(value.Line, value.Path, ConfigMessages.UnknownBackendKey(type, allowed));
        }
    }

    private string OneOf(RawValue? value, string[] allowed, string defaultValue)
    {
        if (OptionalText(value) is not { } text)
        {
            return defaultValue;
        }

        string trimmed = text.Trim();
        if (Array.IndexOf(allowed, trimmed) >= 0)
        {
            return trimmed;
        }

        Error(value!.Line, value.Path, ConfigMessages.NotOneOf(text, allowed));
        return defaultValue;
    }

    private Uri? HttpUrl(RawValue? value)
    {
        if (OptionalText(value) is not { } text)
        {
            return null;
        }

        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        Error(value!.Line, value.Path, ConfigMessages.NotAnHttpUrl(text));
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex AwsRegion();
}
