namespace SecretBroker.Settings;

/// <summary>
/// <c>secrets[].profile</c> and <c>secrets[].format</c>: how the sidecar lays a secret's file out. Part of the shared
/// schema so one config serves both front doors; the library accepts both keys and ignores them (it writes no files).
/// </summary>
public sealed partial class SecretBrokerSettingsReader
{
    /// <summary>The directory <c>profile: huggingface</c> adds to the files output (<c>&lt;dir&gt;/hf/token</c>): no secret may be named so.</summary>
    internal const string HuggingFaceDirectoryName = "hf";

    private static readonly string[] ProfileNames = ["huggingface"];
    private static readonly string[] FormatNames = ["raw", "aws-credentials", "dotenv"];

    private static SecretProfile Profile(SettingsWalker walker, SettingsValue? value)
    {
        if (OptionalText(walker, value) is not { } text)
        {
            return SecretProfile.None;
        }

        if (text.Trim() == "huggingface")
        {
            return SecretProfile.HuggingFace;
        }

        walker.Error(value!.Line, value.Path, SettingsMessages.UnknownProfile(text, ProfileNames));
        return SecretProfile.None;
    }

    private static SecretFileFormat Format(SettingsWalker walker, SettingsValue? value, SecretProfile profile)
    {
        if (OptionalText(walker, value) is not { } text)
        {
            return SecretFileFormat.Raw;
        }

        SecretFileFormat? format = text.Trim() switch
        {
            "raw" => SecretFileFormat.Raw,
            "aws-credentials" => SecretFileFormat.AwsCredentials,
            "dotenv" => SecretFileFormat.Dotenv,
            _ => null,
        };
        if (format is null)
        {
            walker.Error(value!.Line, value.Path, SettingsMessages.UnknownFormat(text, FormatNames));
            return SecretFileFormat.Raw;
        }

        // A Hugging Face token is read as one bare string by every consumer; any other layout would break them.
        if (profile == SecretProfile.HuggingFace && format != SecretFileFormat.Raw)
        {
            walker.Error(value!.Line, value.Path, SettingsMessages.FormatWithHuggingFaceProfile(text));
        }

        return format.Value;
    }

    /// <summary>
    /// One <c>profile: huggingface</c> per config (there is one <c>&lt;dir&gt;/hf/token</c>), and no secret named
    /// <c>hf</c> beside it (that name is the directory).
    /// </summary>
    private sealed class DeliveryClaims
    {
        private int _huggingFaceLine;
        private (int Line, string Path)? _hfNamed;

        public void Claim(SettingsWalker walker, SettingsValue? profile, SecretProfile parsed, SettingsValue? name)
        {
            if (parsed == SecretProfile.HuggingFace && profile is not null)
            {
                if (_huggingFaceLine != 0)
                {
                    walker.Error(profile.Line, profile.Path, SettingsMessages.SecondHuggingFaceProfile(_huggingFaceLine));
                }
                else
                {
                    _huggingFaceLine = profile.Line;
                    if (_hfNamed is { } named)
                    {
                        walker.Error(named.Line, named.Path, SettingsMessages.NameTakenByHuggingFace(HuggingFaceDirectoryName, profile.Line));
                    }
                }
            }

            if (name?.Text == HuggingFaceDirectoryName)
            {
                _hfNamed = (name.Line, name.Path);
                if (_huggingFaceLine != 0)
                {
                    walker.Error(name.Line, name.Path, SettingsMessages.NameTakenByHuggingFace(HuggingFaceDirectoryName, _huggingFaceLine));
                }
            }
        }
    }
}
