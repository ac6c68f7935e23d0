namespace SecretBroker.Vault.Internal;

/// <summary>
/// The token in use, immutable: replaced whole at each login or renewal. <see cref="Generation"/> counts logins, so a
/// lease can tell whether the token that read it is still the current one.
/// </summary>
/// <param name="Token">The client token. Never logged or put in a message.</param>
/// <param name="Generation">1 for the first login, +1 at each later login (not at renewals).</param>
/// <param name="ObtainedAt">When the TTL below was granted (login or last renewal).</param>
/// <param name="Ttl">The TTL granted then.</param>
/// <param name="LoginTtl">The TTL the login granted: a renewal below it means the role's max TTL capped it.</param>
/// <param name="Renewable">Whether <c>renew-self</c> may extend it.</param>
/// <param name="Capped">A renewal came back capped: the expiry is final, so the next step is a new login.</param>
internal sealed record VaultTokenState(string Token, int Generation, DateTimeOffset ObtainedAt, TimeSpan Ttl, TimeSpan LoginTtl, bool Renewable, bool Capped)
{
    public DateTimeOffset ExpiresAt => ObtainedAt + Ttl;

    /// <summary>
    /// When to act: at two thirds of the TTL, renew (renewable, not capped) or log in again (capped or not renewable) while
    /// the old token still has a third of its life, so leases read with it are replaced with overlap. A capped token logs
    /// in again by the time a third of the login's TTL is left, or at once when less is: a cap that lands just after a
    /// renewal leaves a short last grant, and a third of that would leave too little time to re-read the leases before
    /// Vault revokes them with the old token.
    /// </summary>
    public DateTimeOffset ActAt
    {
        get
        {
            DateTimeOffset byFraction = ObtainedAt + (Ttl * 2 / 3);
            DateTimeOffset byLoginTtl = ExpiresAt - (LoginTtl / 3);
            return Capped && byLoginTtl < byFraction ? byLoginTtl : byFraction;
        }
    }

    public TimeSpan Remaining(DateTimeOffset now) => ExpiresAt > now ? ExpiresAt - now : TimeSpan.Zero;
}
