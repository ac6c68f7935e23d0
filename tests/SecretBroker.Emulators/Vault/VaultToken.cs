namespace SecretBroker.Emulators.Vault;

/// <summary>A service token Vault issued at login: its lifetime (renewable up to <see cref="MaxExpires"/>) and who holds it.</summary>
public sealed class VaultToken
{
    public required string Id { get; init; }
    public required string Accessor { get; init; }
    public required string Namespace { get; init; }
    public required string Path { get; init; }
    public required string Role { get; init; }
    public required IReadOnlyList<string> Policies { get; init; }
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required TimeSpan CreationTtl { get; init; }
    public required DateTimeOffset MaxExpires { get; init; }
    public required TimeSpan Increment { get; init; }
    public DateTimeOffset Expires { get; set; }
    public DateTimeOffset LastRenewal { get; set; }
    public bool Revoked { get; set; }

    public bool IsLive(DateTimeOffset now) => !Revoked && now < Expires;
}
