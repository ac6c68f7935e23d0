using SecretBroker.Settings;

namespace SecretBroker.Backends;

/// <summary>
/// The settings a backend type accepts under <c>backends.&lt;name&gt;</c>, each with how its text becomes an option:
/// the one key list of a backend type. Both front doors bind through it, so a key is added in one place and an
/// unknown key is reported the same way everywhere.
/// </summary>
/// <typeparam name="TOptions">The backend's options class.</typeparam>
public sealed class SecretBackendSettingMap<TOptions>
    where TOptions : class
{
    private readonly List<string> _keys = ["type"];
    private readonly Dictionary<string, Func<TOptions, string, string, string?>> _binders = new(StringComparer.Ordinal);

    /// <summary>The keys accepted, <c>type</c> first, then in the order they were added.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>A text setting, passed on as written.</summary>
    /// <param name="key">The setting's key.</param>
    /// <param name="set">Stores the value in the options.</param>
    public SecretBackendSettingMap<TOptions> Text(string key, Action<TOptions, string> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Add(key, (options, text, _) =>
        {
            set(options, text);
            return null;
        });
    }

    /// <summary>A file or directory path; a relative path is resolved against the settings' base directory (the config file's).</summary>
    /// <param name="key">The setting's key.</param>
    /// <param name="set">Stores the absolute path in the options.</param>
    public SecretBackendSettingMap<TOptions> Path(string key, Action<TOptions, string> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Add(key, (options, text, baseDirectory) =>
        {
            set(options, System.IO.Path.GetFullPath(text, baseDirectory));
            return null;
        });
    }

    /// <summary>An absolute <c>http</c> or <c>https</c> URL (which schemes a backend accepts where is its own rule).</summary>
    /// <param name="key">The setting's key.</param>
    /// <param name="set">Stores the URL in the options.</param>
    public SecretBackendSettingMap<TOptions> Url(string key, Action<TOptions, Uri> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Add(key, (options, text, _) =>
        {
            if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                set(options, uri);
                return null;
            }

            return SettingsMessages.NotAnHttpUrl(text);
        });
    }

    /// <summary>A boolean: <c>true</c> or <c>false</c>.</summary>
    /// <param name="key">The setting's key.</param>
    /// <param name="set">Stores the value in the options.</param>
    public SecretBackendSettingMap<TOptions> Boolean(string key, Action<TOptions, bool> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Add(key, (options, text, _) =>
        {
            if (!bool.TryParse(text.Trim(), out bool value))
            {
                return SettingsMessages.NotABoolean(text);
            }

            set(options, value);
            return null;
        });
    }

    /// <summary>A duration: <c>30s</c>, <c>5m</c>, <c>1h30m</c> or ISO-8601 (<c>PT5M</c>).</summary>
    /// <param name="key">The setting's key.</param>
    /// <param name="set">Stores the value in the options (range checks belong to the validator).</param>
    public SecretBackendSettingMap<TOptions> Duration(string key, Action<TOptions, TimeSpan> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Add(key, (options, text, _) =>
        {
            if (!DurationText.TryParse(text, out TimeSpan value))
            {
                return SettingsMessages.NotADuration(text);
            }

            set(options, value);
            return null;
        });
    }

    /// <summary>One of a fixed set of words.</summary>
    /// <typeparam name="TValue">What each word stands for.</typeparam>
    /// <param name="key">The setting's key.</param>
    /// <param name="choices">Each word and its value, in the order messages list them.</param>
    /// <param name="set">Stores the chosen value in the options.</param>
    public SecretBackendSettingMap<TOptions> Choice<TValue>(string key, IReadOnlyList<KeyValuePair<string, TValue>> choices, Action<TOptions, TValue> set)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(set);
        string[] words = [.. choices.Select(choice => choice.Key)];
        return Add(key, (options, text, _) =>
        {
            string word = text.Trim();
            foreach (KeyValuePair<string, TValue> choice in choices)
            {
                if (string.Equals(choice.Key, word, StringComparison.Ordinal))
                {
                    set(options, choice.Value);
                    return null;
                }
            }

            return SettingsMessages.NotOneOf(text, words);
        });
    }

    /// <summary>
    /// Binds <paramref name="text"/> to the setting <paramref name="key"/>; returns the problem, or <see langword="null"/>
    /// when it bound. An unknown key or a blank value is the caller's to report (it knows the type's name and the line).
    /// </summary>
    internal string? Bind(TOptions options, string key, string text, string baseDirectory) =>
        _binders.TryGetValue(key, out Func<TOptions, string, string, string?>? bind) ? bind(options, text, baseDirectory) : null;

    internal bool Knows(string key) => _binders.ContainsKey(key);

    private SecretBackendSettingMap<TOptions> Add(string key, Func<TOptions, string, string, string?> bind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key == "type" || !_binders.TryAdd(key, bind))
        {
            throw new ArgumentException($"The setting '{key}' is already in the map.", nameof(key));
        }

        _keys.Add(key);
        return this;
    }
}
