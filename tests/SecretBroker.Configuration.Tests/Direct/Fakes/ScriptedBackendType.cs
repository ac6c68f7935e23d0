using SecretBroker.Backends;

namespace SecretBroker.Configuration.Tests.Direct.Fakes;

/// <summary>Options of the <c>scripted</c> test backend type: one required setting and one that refuses setup.</summary>
internal sealed class ScriptedBackendOptions
{
    public string Label { get; set; } = string.Empty;

    /// <summary>Create throws <see cref="SecretBackendSetupException"/>, as a cloud backend whose identity is missing does.</summary>
    public bool Refuse { get; set; }
}

/// <summary>
/// A backend type as a backend package registers one (settings map, validator, Create), building
/// <see cref="ScriptedBackend"/>s the test holds: one per backend name.
/// </summary>
internal sealed class ScriptedBackendType : SecretBackendType<ScriptedBackendOptions>
{
    private readonly Dictionary<string, ScriptedBackend> _backends = new(StringComparer.Ordinal);

    public override string TypeName => "scripted";

    public override SecretBackendSettingMap<ScriptedBackendOptions> Settings { get; } = new SecretBackendSettingMap<ScriptedBackendOptions>()
        .Text("label", static (options, label) => options.Label = label)
        .Boolean("refuse", static (options, refuse) => options.Refuse = refuse);

    public override SecretBackendOptionsValidator<ScriptedBackendOptions> Validator { get; } = new LabelRequired();

    /// <summary>The backend built (or to be built) for <paramref name="name"/>.</summary>
    public ScriptedBackend this[string name]
    {
        get
        {
            lock (_backends)
            {
                return _backends.TryGetValue(name, out ScriptedBackend? backend) ? backend : _backends[name] = new ScriptedBackend();
            }
        }
    }

    public override ISecretBackend Create(ScriptedBackendOptions options, SecretBackendContext context) =>
        options.Refuse
            ? throw new SecretBackendSetupException($"scripted backend '{context.Name}': its token file /var/run/scripted/token is missing")
            : this[context.Name];

    private sealed class LabelRequired : SecretBackendOptionsValidator<ScriptedBackendOptions>
    {
        public override IEnumerable<SecretBackendSettingProblem> Problems(ScriptedBackendOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.Label))
            {
                yield return new SecretBackendSettingProblem("label", "is required");
            }
        }
    }
}
