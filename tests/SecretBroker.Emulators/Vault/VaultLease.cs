namespace SecretBroker.Emulators.Vault;

/// <summary>
/// A dynamic secret's lease. It dies when revoked, when its TTL runs out, or with the token that read it (what
/// consul-template#1433 ran into: credentials vanish when the token that created them expires).
/// </summary>
public sealed class VaultLease
{
    public required string Id { get; init; }
    public required string Namespace { get; init; }
    public required string ParentTokenId { get; init; }
    public required string Username { get; init; }

    /// <summary>The password minted with <see cref="Username"/> (what a database would check the pair against).</summary>
    public required string Password { get; init; }
    public required DateTimeOffset Issued { get; init; }
    public required DateTimeOffset MaxExpires { get; init; }
    public DateTimeOffset Expires { get; set; }
    public bool Revoked { get; set; }
    public int Renewals { get; set; }
}
