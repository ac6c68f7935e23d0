using SecretBroker.Backends;

namespace SecretBroker.Settings;

/// <summary>The rules for a backend entry, the same in the sidecar's file and in <c>AddSecretBroker</c>.</summary>
public static partial class SecretBackendRules
{
    /// <summary>Whether <paramref name="name"/> is a valid backend name: letters, digits, <c>-</c> and <c>_</c>, starting with a letter or digit.</summary>
    /// <param name="name">The name.</param>
    public static bool IsValidName(string name) => !string.IsNullOrEmpty(name) && BackendName().IsMatch(name);

    /// <summary>
    /// Every problem with a backend added in code: its name, a name already in <paramref name="taken"/> (the name is
    /// added to it), and what the type's validator finds; as <c>backends.NAME[.KEY]: problem</c> errors without lines.
    /// </summary>
    /// <param name="name">The backend's name.</param>
    /// <param name="type">Its type.</param>
    /// <param name="options">Its options.</param>
    /// <param name="taken">Names already defined.</param>
    public static IReadOnlyList<SettingsError> Problems(string name, SecretBackendType type, object options, ISet<string> taken)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(taken);
        List<SettingsError> errors = [];
        string path = "backends." + name;
        if (!IsValidName(name))
        {
            errors.Add(new SettingsError(0, path, SettingsMessages.InvalidBackendName(name)));
        }
        else if (!taken.Add(name))
        {
            errors.Add(new SettingsError(0, path, SettingsMessages.DuplicateBackend(name)));
        }

        foreach (SecretBackendSettingProblem problem in type.Validate(options))
        {
            errors.Add(new SettingsError(0, problem.Key.Length == 0 ? path : path + "." + problem.Key, problem.Problem));
        }

        return errors;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial System.Text.RegularExpressions.Regex BackendName();
}
