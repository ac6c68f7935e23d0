using SecretBroker.Backends;

namespace SecretBroker.Settings;

/// <summary>One validated <c>backends.&lt;name&gt;</c> entry: its type and its options, ready to build.</summary>
public sealed class ConfiguredBackend
{
    /// <summary>Creates an entry.</summary>
    /// <param name="name">The backend's name.</param>
    /// <param name="type">Its type.</param>
    /// <param name="options">Its options, an instance of the type's <see cref="SecretBackendType.OptionsType"/> (validated by <see cref="SecretBackendRules"/> or the reader).</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> is not an instance of the type's options class.</exception>
    public ConfiguredBackend(string name, SecretBackendType type, object options)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(options);
        if (!type.OptionsType.IsInstanceOfType(options))
        {
            throw new ArgumentException($"A '{type.TypeName}' backend is configured with {type.OptionsType.Name}, not {options.GetType().Name}.", nameof(options));
        }

        Name = name;
        Type = type;
        Options = options;
    }

    /// <summary>The key under <c>backends:</c>, which secrets refer to.</summary>
    public string Name { get; }

    /// <summary>The backend's type.</summary>
    public SecretBackendType Type { get; }

    /// <summary>The options it is built with.</summary>
    public object Options { get; }

    /// <summary>The line the entry was written on (0 when unknown).</summary>
    public int Line { get; init; }

    /// <summary>Builds the backend (contacts nothing).</summary>
    /// <param name="versionKey">The key content versions are derived with; <see langword="null"/>: random per process.</param>
    /// <param name="time">The host's clock, the one its refresh engine runs on; <see langword="null"/>: the system clock.</param>
    /// <exception cref="SecretBackendSetupException">The environment refuses the settings.</exception>
    public ISecretBackend Create(Func<ReadOnlyMemory<byte>>? versionKey = null, TimeProvider? time = null) =>
        Type.Create(Options, new SecretBackendContext { Name = Name, VersionKey = versionKey, Time = time ?? TimeProvider.System });
}
