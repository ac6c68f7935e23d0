using SecretBroker.Settings;

namespace SecretBroker.Backends;

/// <summary>
/// A kind of backend (<c>type: file</c>, <c>type: aws-secrets-manager</c>, …): its name, the settings it accepts,
/// how they are validated, and how a backend is built from them. The one registration both front doors use: the
/// sidecar's config file and the library's <c>AddSecretBroker</c>. Derive from <see cref="SecretBackendType{TOptions}"/>.
/// </summary>
public abstract class SecretBackendType
{
    /// <summary>For <see cref="SecretBackendType{TOptions}"/>; other subclasses cannot implement the internal binding.</summary>
    protected SecretBackendType()
    {
    }

    /// <summary>The <c>type:</c> value, e.g. <c>aws-secrets-manager</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>The keys a <c>backends.&lt;name&gt;</c> section of this type accepts, <c>type</c> first.</summary>
    public abstract IReadOnlyList<string> SettingKeys { get; }

    /// <summary>The options class instances of this type are configured with.</summary>
    public abstract Type OptionsType { get; }

    /// <summary>Every problem with <paramref name="options"/> (an instance of <see cref="OptionsType"/>), by setting key.</summary>
    /// <param name="options">The options to check.</param>
    public abstract IEnumerable<SecretBackendSettingProblem> Validate(object options);

    /// <summary>Builds a backend. Contacts nothing; may check the environment it will need (and fail closed).</summary>
    /// <param name="options">Valid options (an instance of <see cref="OptionsType"/>).</param>
    /// <param name="context">The backend's name and the host's services.</param>
    /// <exception cref="SecretBackendSetupException">The environment refuses the settings (e.g. an identity's token file is missing).</exception>
    public abstract ISecretBackend Create(object options, SecretBackendContext context);

    /// <summary>
    /// One line describing a built backend for <c>secretbroker check</c> (region, identity actually used; never a key
    /// or token), or <see langword="null"/> when there is nothing to say beyond the type.
    /// </summary>
    /// <param name="options">The options it was built with.</param>
    /// <param name="backend">The backend built by <see cref="Create"/>.</param>
    public virtual string? Describe(object options, ISecretBackend backend) => null;

    /// <summary>
    /// Every problem with one secret read from a backend of this type, by the secret's key (<c>id</c>, <c>version</c>,
    /// <c>key</c>): what the store would refuse, such as a name it cannot hold or a version id of the wrong shape. The
    /// sidecar's config reader reports them with the line of the key; <c>AddSecretBroker</c> with the secret's index.
    /// None by default.
    /// </summary>
    /// <param name="secret">The secret as configured.</param>
    public virtual IEnumerable<SecretBackendSettingProblem> SecretProblems(SecretDefinition secret) => [];

    /// <summary>Binds settings text into a new options instance; a problem per key that cannot be used.</summary>
    internal abstract object Bind(IEnumerable<KeyValuePair<string, SettingsValue>> settings, string baseDirectory, ICollection<SecretBackendSettingProblem> problems);
}
