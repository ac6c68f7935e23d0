using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace SecretBroker;

/// <summary>
/// An immutable snapshot of every loaded secret. The engine swaps in a new generation in one step whenever a
/// value, a version or a stale flag changes, or a value is withdrawn because its lease ended; readers take <see cref="SecretRefreshEngine.Current"/> and need no lock.
/// </summary>
public sealed class SecretGeneration
{
    /// <summary>Creates a generation in which no secret is withdrawn for an ended lease.</summary>
    public SecretGeneration(long number, DateTimeOffset createdAt, IEnumerable<SecretEntry> secrets, IEnumerable<string> changed)
        : this(number, createdAt, secrets, changed, FrozenDictionary<string, DateTimeOffset>.Empty)
    {
    }

    /// <summary>Creates a generation.</summary>
    /// <param name="number">See <see cref="Number"/>.</param>
    /// <param name="createdAt">See <see cref="CreatedAt"/>.</param>
    /// <param name="secrets">See <see cref="Secrets"/>.</param>
    /// <param name="changed">See <see cref="Changed"/>.</param>
    /// <param name="expired">See <see cref="Expired"/>; a name in it must not be in <paramref name="secrets"/>.</param>
    /// <exception cref="ArgumentException">A name is both served and withdrawn.</exception>
    public SecretGeneration(long number, DateTimeOffset createdAt, IEnumerable<SecretEntry> secrets, IEnumerable<string> changed, IReadOnlyDictionary<string, DateTimeOffset> expired)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(expired);
        Number = number;
        CreatedAt = createdAt;
        Secrets = secrets.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
        Changed = changed.ToFrozenSet(StringComparer.Ordinal);
        Expired = expired.Count == 0 ? FrozenDictionary<string, DateTimeOffset>.Empty : expired.ToFrozenDictionary(StringComparer.Ordinal);
        if (Expired.Keys.FirstOrDefault(Secrets.ContainsKey) is { } both)
        {
            throw new ArgumentException($"Secret '{both}' cannot be both served and withdrawn.", nameof(expired));
        }
    }

    /// <summary>The generation before any secret was loaded.</summary>
    public static SecretGeneration Empty { get; } = new(0, DateTimeOffset.MinValue, [], []);

    /// <summary>Increases by one with every published generation.</summary>
    public long Number { get; }

    /// <summary>When this generation was published.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Every secret loaded so far, by name. A secret never loaded is absent.</summary>
    public IReadOnlyDictionary<string, SecretEntry> Secrets { get; }

    /// <summary>
    /// Names whose value or version differs from the previous generation, including secrets that arrived or were
    /// withdrawn (empty when only stale flags moved).
    /// </summary>
    public IReadOnlySet<string> Changed { get; }

    /// <summary>
    /// Secrets withdrawn because the lease of their value ended and no refresh replaced it (a dead credential is never
    /// served), by name, with when that lease ended. Such a secret is absent from <see cref="Secrets"/> until a refresh
    /// brings a value with a live lease back; its withdrawal is listed in <see cref="Changed"/>.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Expired { get; }

    /// <summary>Looks up one secret.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out SecretEntry? entry) => Secrets.TryGetValue(name, out entry);
}
