namespace SecretBroker.Sidecar.Configuration;

/// <summary>The sidecar-only <c>credentials:</c> section: named credential sets served on the loopback listener.</summary>
internal sealed partial class RawConfigReader
{
    // One key list for both types: a key of the other type is reported by the validator, which knows the type.
    private static readonly string[] CredentialSetKeys =
        ["type", "secret", "allowLongTermKeys", "backend", "roleArn", "sessionName", "duration", "policy"];

    private RawCredentialSets? ReadCredentials(SettingsNode node, int line, string path)
    {
        if (Mapping(node, line, path) is not { } map)
        {
            return null;
        }

        RawCredentialSets sets = new(line);
        foreach ((string name, int setLine, SettingsNode value, string setPath) in Entries(map, path, allowed: null))
        {
            RawCredentialSet set = new(name, setLine, setPath);
            sets.Sets.Add(set);
            if (Mapping(value, setLine, setPath) is not { } body)
            {
                continue;
            }

            foreach ((string key, int keyLine, SettingsNode keyValue, string keyPath) in Entries(body, setPath, CredentialSetKeys))
            {
                SettingsValue? scalar = Scalar(keyValue, keyLine, keyPath);
                switch (key)
                {
                    case "type": set.Type = scalar; break;
                    case "secret": set.Secret = scalar; break;
                    case "allowLongTermKeys": set.AllowLongTermKeys = scalar; break;
                    case "backend": set.Backend = scalar; break;
                    case "roleArn": set.RoleArn = scalar; break;
                    case "sessionName": set.SessionName = scalar; break;
                    case "duration": set.Duration = scalar; break;
                    default: set.Policy = scalar; break;
                }
            }
        }

        return sets;
    }
}
