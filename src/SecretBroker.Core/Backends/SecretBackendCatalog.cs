namespace SecretBroker.Backends;

/// <summary>
/// The backend types a front door knows, by <c>type:</c> name. The <c>file</c> type is always there; cloud types are
/// added by their packages. Names of types that exist but are not registered get a message saying what to add,
/// rather than "unknown type".
/// </summary>
public sealed class SecretBackendCatalog
{
    private readonly Dictionary<string, SecretBackendType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _absent = new(StringComparer.Ordinal);

    /// <summary>A catalog holding the <c>file</c> type.</summary>
    public SecretBackendCatalog()
    {
        Add(FileBackend.FileSecretBackendType.Instance);
    }

    /// <summary>The registered types, in the order they were added.</summary>
    public IReadOnlyCollection<SecretBackendType> Types => _types.Values;

    /// <summary>Adds a type; adding the same type again does nothing.</summary>
    /// <param name="type">The type.</param>
    /// <exception cref="ArgumentException">Another type with the same name is registered.</exception>
    public SecretBackendCatalog Add(SecretBackendType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (_types.TryGetValue(type.TypeName, out SecretBackendType? existing))
        {
            return ReferenceEquals(existing, type) || existing.GetType() == type.GetType()
                ? this
                : throw new ArgumentException($"A different backend type named '{type.TypeName}' is already registered.", nameof(type));
        }

        _types.Add(type.TypeName, type);
        _absent.Remove(type.TypeName);
        return this;
    }

    /// <summary>
    /// Names a type this front door knows of but does not have, with advice on how to get it (<see langword="null"/>:
    /// "not available in this version").
    /// </summary>
    /// <param name="typeName">The <c>type:</c> value.</param>
    /// <param name="advice">What to do to get it, e.g. which package to reference and what to call.</param>
    public SecretBackendCatalog AddAbsent(string typeName, string? advice)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        if (!_types.ContainsKey(typeName))
        {
            _absent[typeName] = advice;
        }

        return this;
    }

    /// <summary>The registered type named <paramref name="typeName"/>, or <see langword="null"/>.</summary>
    /// <param name="typeName">The <c>type:</c> value.</param>
    public SecretBackendType? Find(string typeName) => _types.GetValueOrDefault(typeName);

    /// <summary>Whether <paramref name="typeName"/> is known but absent, and the advice to give.</summary>
    internal bool IsAbsent(string typeName, out string? advice) => _absent.TryGetValue(typeName, out advice);

    /// <summary>The registered names, for messages: <c>file, aws-secrets-manager</c>.</summary>
    internal string Available => string.Join(", ", _types.Keys);
}
