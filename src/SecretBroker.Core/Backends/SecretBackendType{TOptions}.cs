using SecretBroker.Settings;

namespace SecretBroker.Backends;

/// <summary>A backend type whose instances are configured with <typeparamref name="TOptions"/>.</summary>
/// <typeparam name="TOptions">The backend's options class: settable properties, a public parameterless constructor.</typeparam>
public abstract class SecretBackendType<TOptions> : SecretBackendType
    where TOptions : class, new()
{
    /// <summary>The settings this type accepts and how each binds (the one key list of the type).</summary>
    public abstract SecretBackendSettingMap<TOptions> Settings { get; }

    /// <summary>Validates options, naming setting keys.</summary>
    public abstract SecretBackendOptionsValidator<TOptions> Validator { get; }

    /// <inheritdoc/>
    public sealed override IReadOnlyList<string> SettingKeys => Settings.Keys;

    /// <inheritdoc/>
    public sealed override Type OptionsType => typeof(TOptions);

    /// <summary>Builds a backend from valid options. Contacts nothing; may check the environment it will need (and fail closed).</summary>
    /// <param name="options">Valid options.</param>
    /// <param name="context">The backend's name and the host's services.</param>
    /// <exception cref="SecretBackendSetupException">The environment refuses the settings.</exception>
    public abstract ISecretBackend Create(TOptions options, SecretBackendContext context);

    /// <summary>One line describing a built backend for <c>check</c>, or <see langword="null"/>.</summary>
    /// <param name="options">The options it was built with.</param>
    /// <param name="backend">The backend built by <see cref="Create(TOptions, SecretBackendContext)"/>.</param>
    public virtual string? Describe(TOptions options, ISecretBackend backend) => null;

    /// <inheritdoc/>
    public sealed override IEnumerable<SecretBackendSettingProblem> Validate(object options) => Validator.Problems(Cast(options));

    /// <inheritdoc/>
    public sealed override ISecretBackend Create(object options, SecretBackendContext context) => Create(Cast(options), context);

    /// <inheritdoc/>
    public sealed override string? Describe(object options, ISecretBackend backend) => Describe(Cast(options), backend);

    internal sealed override object Bind(IEnumerable<KeyValuePair<string, SettingsValue>> settings, string baseDirectory, ICollection<SecretBackendSettingProblem> problems)
    {
        TOptions options = new();
        foreach ((string key, SettingsValue setting) in settings)
        {
            if (setting.Text is { } text && Settings.Bind(options, key, text, baseDirectory) is { } problem)
            {
                problems.Add(new SecretBackendSettingProblem(key, problem));
            }
        }

        return options;
    }

    private TOptions Cast(object options) => options as TOptions
        ?? throw new ArgumentException($"A '{TypeName}' backend is configured with {typeof(TOptions).Name}, not {options?.GetType().Name ?? "null"}.", nameof(options));
}
