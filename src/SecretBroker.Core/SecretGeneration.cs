using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace SecretBroker;

/// <summary>
/// An immutable snapshot of every loaded secret. The engine swaps in a new generation in one step whenever a
/// value, a version or a stale flag changes; readers take <see cref="SecretRefreshEngine.Current"/> and need no lock.
/// </summary>
public sealed class SecretGeneration
{
    /// <summary>Creates a generation.</summary>
    public SecretGeneration(long number, DateTimeOffset createdAt, IEnumerable<SecretEntry> secrets, IEnumerable<string> changed)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(changed);
        Number = number;
        CreatedAt = createdAt;
        Secrets = secrets.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
        Changed = changed.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The generation before any secret was loaded.</summary>
    public static SecretGeneration Empty { get; } = new(0, DateTimeOffset.MinValue, [], []);

    /// <summary>Increases by one with every published generation.</summary>
    public long Number { get; }

    /// <summary>When this generation was published.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Every secret loaded so far, by name. A secret never loaded is absent.</summary>
    public IReadOnlyDictionary<string, SecretEntry> Secrets { get; }

    /// <summary>Names whose value or version differs from the previous generation (empty when only stale flags moved).</summary>
    public IReadOnlySet<string> Changed { get; }

    /// <summary>Looks up one secret.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out SecretEntry? entry) => Secrets.TryGetValue(name, out entry);
}
