using System.Text.Json;
using System.Text.RegularExpressions;
using SecretBroker.Sidecar.Flavors;
using SecretBroker.Sidecar.Outputs.Http.Credentials;

namespace SecretBroker.Sidecar.Configuration;

/// <summary>The sidecar-only <c>credentials:</c> section: named AWS credential sets served on the loopback listener.</summary>
internal sealed partial class SidecarSettingsValidator
{
    public const string SecretCredentialType = "secret";
    public const string AssumeRoleCredentialType = "aws-assume-role";
    public const int MaxSessionPolicyLength = 2048;
    public static readonly TimeSpan MinSessionDuration = TimeSpan.FromMinutes(15);

    // A chained role session (our identity is itself a role session) is capped at one hour by STS.
    public static readonly TimeSpan MaxSessionDuration = TimeSpan.FromHours(1);

    private const string AwsBackendType = "aws-secrets-manager";

    private List<CredentialSetSettings> ValidateCredentials(RawSidecarConfig raw, SecretBrokerSettings? shared)
    {
        if (raw.Credentials is not { Sets.Count: > 0 } section)
        {
            return [];
        }

        if (!_flavor.HasAws || !_flavor.HasListeners)
        {
            Error(section.Line, "credentials", FlavorMessages.NotInFlavor(
                "the credentials route", _flavor, SidecarFlavor.Having(static flavor => flavor.HasAws && flavor.HasListeners)));
            return [];
        }

        if (raw.Outputs is { } outputs)
        {
            Error(section.Line, "credentials", outputs.Http is null ? ConfigMessages.CredentialsNeedHttp : null);
            Error(section.Line, "credentials", outputs.Files is null ? ConfigMessages.CredentialsNeedFiles : null);
        }

        if (shared?.Secrets.Any(static s => s.Definition.Name == CredentialsTokenFile.FileName) == true)
        {
            Error(section.Line, "credentials", ConfigMessages.CredentialsTokenFileTaken(CredentialsTokenFile.FileName));
        }

        List<CredentialSetSettings> sets = [];
        foreach (RawCredentialSet set in section.Sets)
        {
            if (!SecretName.IsValid(set.Name))
            {
                Error(set.Line, set.Path, ConfigMessages.InvalidCredentialSetName(set.Name));
            }

            if (_reported.Contains(set.Path))
            {
                continue;
            }

            string? type = RequiredText(set.Type, set.Line, set.Path + ".type")?.Trim();
            CredentialSetSettings? validated = type switch
            {
                null => null,
                SecretCredentialType => ValidateSecretSet(set, shared),
                AssumeRoleCredentialType => ValidateAssumeRoleSet(set, shared),
                _ => UnknownType(set.Type!, type),
            };
            if (validated is not null)
            {
                sets.Add(validated);
            }
        }

        return sets;
    }

    private CredentialSetSettings? UnknownType(SettingsValue value, string type)
    {
        Error(value.Line, value.Path, ConfigMessages.UnknownCredentialType(type));
        return null;
    }

    private SecretCredentialSetSettings? ValidateSecretSet(RawCredentialSet set, SecretBrokerSettings? shared)
    {
        RejectForeignKeys(SecretCredentialType, set.Backend, set.RoleArn, set.SessionName, set.Duration, set.Policy);
        string? secret = RequiredText(set.Secret, set.Line, set.Path + ".secret")?.Trim();
        bool allowLongTerm = Boolean(set.AllowLongTermKeys, defaultValue: false);
        if (secret is not null && shared is not null && !shared.Secrets.Any(s => s.Definition.Name == secret))
        {
            Error(set.Secret!.Line, set.Secret.Path, ConfigMessages.UnknownSecretReference(secret, shared.Secrets.Select(static s => s.Definition.Name)));
            return null;
        }

        return secret is null ? null : new SecretCredentialSetSettings(set.Name, secret, allowLongTerm);
    }

    private AssumeRoleCredentialSetSettings? ValidateAssumeRoleSet(RawCredentialSet set, SecretBrokerSettings? shared)
    {
        RejectForeignKeys(AssumeRoleCredentialType, set.Secret, set.AllowLongTermKeys);
        string? backend = RequiredText(set.Backend, set.Line, set.Path + ".backend")?.Trim();
        if (backend is not null && shared is not null)
        {
            if (!shared.Backends.TryGetValue(backend, out ConfiguredBackend? configured))
            {
                Error(set.Backend!.Line, set.Backend.Path, SettingsMessages.UnknownBackendReference(backend, shared.Backends.Keys));
                backend = null;
            }
            else if (configured.Type.TypeName != AwsBackendType)
            {
                Error(set.Backend!.Line, set.Backend.Path, ConfigMessages.NotAnAwsBackend(backend, configured.Type.TypeName));
                backend = null;
            }
        }

        string? roleArn = RequiredText(set.RoleArn, set.Line, set.Path + ".roleArn")?.Trim();
        if (roleArn is not null && !RoleArnPattern().IsMatch(roleArn))
        {
            Error(set.RoleArn!.Line, set.RoleArn.Path, ConfigMessages.NotARoleArn(roleArn));
            roleArn = null;
        }

        string? sessionName = OptionalText(set.SessionName)?.Trim();
        if (sessionName is not null && !SessionNamePattern().IsMatch(sessionName))
        {
            Error(set.SessionName!.Line, set.SessionName.Path, ConfigMessages.NotASessionName(sessionName));
            sessionName = null;
        }
        else if (set.SessionName is null)
        {
            // The default names the set; the pod is named by the session tags (README "Model-store credentials").
            sessionName = ("secretbroker-" + set.Name) is { Length: > 64 } longName ? longName[..64] : "secretbroker-" + set.Name;
        }

        TimeSpan duration = SessionDuration(set.Duration);
        string? policy = SessionPolicy(set.Policy);
        return backend is null || roleArn is null || sessionName is null || duration == TimeSpan.Zero || (set.Policy is not null && policy is null)
            ? null
            : new AssumeRoleCredentialSetSettings(set.Name, backend, roleArn, sessionName, duration, policy);
    }

    /// <summary>Keys of the other type are refused, not ignored: a set that names a secret but says aws-assume-role is a mistake.</summary>
    private void RejectForeignKeys(string type, params SettingsValue?[] values)
    {
        foreach (SettingsValue? value in values)
        {
            if (value is not null)
            {
                Error(value.Line, value.Path, ConfigMessages.KeyNotForCredentialType(type));
            }
        }
    }

    /// <summary>The session duration (default 1 h); <see cref="TimeSpan.Zero"/> when invalid (reported).</summary>
    private TimeSpan SessionDuration(SettingsValue? value)
    {
        if (value?.Text is not { } text)
        {
            return MaxSessionDuration;
        }

        if (!DurationText.TryParse(text, out TimeSpan duration))
        {
            Error(value.Line, value.Path, ConfigMessages.NotADuration(text));
            return TimeSpan.Zero;
        }

        if (duration < MinSessionDuration || duration > MaxSessionDuration)
        {
            Error(value.Line, value.Path, ConfigMessages.SessionDurationOutOfRange(text));
            return TimeSpan.Zero;
        }

        return duration;
    }

    /// <summary>The session policy as written (a JSON object of at most 2048 characters), or <see langword="null"/> (reported when invalid).</summary>
    private string? SessionPolicy(SettingsValue? value)
    {
        if (OptionalText(value) is not { } text)
        {
            return null;
        }

        if (text.Length > MaxSessionPolicyLength)
        {
            Error(value!.Line, value.Path, ConfigMessages.PolicyTooLong(text.Length, MaxSessionPolicyLength));
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return text;
            }

            Error(value!.Line, value.Path, ConfigMessages.PolicyNotJson("found " + document.RootElement.ValueKind.ToString().ToLowerInvariant()));
        }
        catch (JsonException ex)
        {
            // Our words: the runtime's own message prints as a resource key in the AOT build.
            Error(value!.Line, value.Path, ConfigMessages.PolicyNotJson(ConfigMessages.JsonPosition(ex.LineNumber, ex.BytePositionInLine)));
        }

        return null;
    }

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\w+=,.@/-]{1,512}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SessionNamePattern();
}
