namespace SecretBroker.Configuration.Internal;

/// <summary>One secret as read from the sidecar.</summary>
internal sealed record SecretValue(byte[] Value, string Version);

/// <summary>An immutable set of secrets by name, as one read of the sidecar returned them.</summary>
internal sealed class SecretSet
{
    public SecretSet(IReadOnlyDictionary<string, SecretValue> secrets, string? generation = null)
    {
        Secrets = secrets;
        Generation = generation;
    }

    public static SecretSet Empty { get; } = new(new Dictionary<string, SecretValue>(StringComparer.Ordinal));

    public IReadOnlyDictionary<string, SecretValue> Secrets { get; }

    /// <summary>Files mode: the generation directory it was read from (the <c>..data</c> target); otherwise null.</summary>
    public string? Generation { get; }

    /// <summary>Same names and same bytes (versions alone are not trusted: the files mode has none).</summary>
    public bool SameAs(SecretSet other) =>
        Secrets.Count == other.Secrets.Count
        && Secrets.All(pair => other.Secrets.TryGetValue(pair.Key, out SecretValue? value) && value.Value.AsSpan().SequenceEqual(pair.Value.Value));

    public SecretSet With(string name, SecretValue? value)
    {
        var copy = new Dictionary<string, SecretValue>(Secrets, StringComparer.Ordinal);
        if (value is null)
        {
            copy.Remove(name);
        }
        else
        {
            copy[name] = value;
        }

        return new SecretSet(copy);
    }
}
