using Microsoft.Extensions.Configuration;

using SecretBroker.Configuration.Tests.Direct.Fakes;
using SecretBroker.Emulators;
using SecretBroker.Emulators.Vault;
using SecretBroker.Vault;

namespace SecretBroker.Configuration.Tests.Direct;

/// <summary>
/// The Vault token's life under <c>AddSecretBroker</c> with <c>UseVault()</c>: a role whose tokens live 60 s (at most
/// 180 s) and a dynamic database pair whose lease would live an hour. Over more than two max TTLs on the engine's fake
/// clock (the emulator ages on the same clock) the token is renewed, a new login comes before each token's max TTL, and
/// the pair, whose lease dies with the token that read it, is re-read under the new token while the old pair still
/// lives, so the pair served is one the database accepts at every step. Logins stay bounded, and no log line or
/// exception contains any pair.
/// </summary>
public sealed class VaultDirectTokenTests() : LocalCloudTest("vault-token")
{
    private static readonly TimeSpan TokenTtl = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan TokenMaxTtl = TimeSpan.FromSeconds(180);

    private readonly DirectBroker _broker = new();

    protected override TimeProvider Clock => _broker.Clock;

    [Fact]
    public async Task Short_lived_tokens_are_renewed_and_replaced_before_their_max_ttl_and_the_pair_is_reread_under_the_new_token_while_the_old_lives()
    {
        DateTimeOffset start = _broker.Clock.GetUtcNow();
        TimeSpan watch = (2 * TokenMaxTtl) + TokenTtl;
        using ConfigurationRoot root = Build();
        var served = new List<(string User, string Password)> { (root["db:username"]!, root["db:password"]!) };
        var steps = new List<string>();

        for (int cycle = 0; cycle < 400 && _broker.Clock.GetUtcNow() - start < watch; cycle++)
        {
            (string user, string password) = (root["db:username"]!, root["db:password"]!);
            TimeSpan at = _broker.Clock.GetUtcNow() - start;
            steps.Add($"{at.TotalSeconds:0.#} s: user #{served.FindIndex(p => p.User == user)}, logins {Logins}, renewals {Renewals}");

            // Would fail if the pair outlived the token that read it (consul-template#1433: the lease dies with its
            // token), or if the two keys came from different leases.
            Assert.True(Cloud.Vault.CredentialsValid(user, password), $"the served pair is dead at {at.TotalSeconds:0.#} s\n{string.Join("\n", steps)}");
            if (user != served[^1].User)
            {
                // Would fail if the new pair were read only after the old one died (a gap for the consumer) or if
                // only one key changed.
                Assert.NotEqual(served[^1].Password, password);
                Assert.True(Cloud.Vault.CredentialsValid(served[^1].User, served[^1].Password), $"the old pair was dead when replaced at {at.TotalSeconds:0.#} s\n{string.Join("\n", steps)}\n{Tokens(start)}\n{string.Join("\n", _broker.Logs.Messages)}");
                served.Add((user, password));
            }

            await _broker.RefreshCycleAsync(root);
        }

        TimeSpan elapsed = _broker.Clock.GetUtcNow() - start;
        string story = $"{elapsed.TotalSeconds:0} s, {Logins} logins, {Renewals} renewals, {served.Count} pairs\n{string.Join("\n", steps)}";
        Assert.True(elapsed >= watch, $"the engine stopped scheduling cycles: {story}");

        // Would fail if the backend never renewed its token (a login per 60 s TTL instead of renew-self).
        Assert.True(Renewals >= 2, $"the token is renewed: {story}");

        // Would fail if a token were used up to its max TTL (the backend waiting for a 403 before logging in again).
        List<VaultToken> tokens = [.. Cloud.Vault.Tokens().OrderBy(static t => t.Created)];
        Assert.True(tokens.Count >= 3, $"two max TTLs passed, so at least three tokens: {story}");
        for (int i = 1; i < tokens.Count; i++)
        {
            Assert.True(tokens[i].Created < tokens[i - 1].MaxExpires, $"token {i} logged in {(tokens[i].Created - tokens[i - 1].MaxExpires).TotalSeconds:0.#} s after token {i - 1}'s max TTL: {story}");
        }

        // Would fail if the pair were never re-read under the new token (it would die with the old one) or if a
        // lease were read more than once per token.
        Assert.True(served.Count >= 3, $"the pair is re-read under each new token: {story}");
        List<VaultLease> leases = [.. Cloud.Vault.Leases().OrderBy(static l => l.Issued)];
        Assert.Equal(served.Count, leases.Count);
        Assert.Equal(leases.Count, leases.Select(static l => l.ParentTokenId).Distinct().Count());

        // Would fail on a login storm (e.g. a login per cycle once renewals come back capped).
        int periods = (int)(elapsed / TokenMaxTtl);
        Assert.True(Logins <= 2 + periods, $"at most {2 + periods} logins: {story}");

        // Would fail if any log line (Trace included) or exception text carried either half of any pair.
        CanaryScan.AssertNeverWritten(_broker, leases.SelectMany(static l => new[] { l.Username, l.Password }));
    }

    private string Tokens(DateTimeOffset start) => string.Join("\n", Cloud.Vault.Tokens().OrderBy(static t => t.Created).Select(t =>
        $"token created {(t.Created - start).TotalSeconds:0.#} s, expires {(t.Expires - start).TotalSeconds:0.#} s, max {(t.MaxExpires - start).TotalSeconds:0.#} s, last renewal {(t.LastRenewal - start).TotalSeconds:0.#} s"));

    private long Logins => Cloud.Counters.Count("vault.VaultLogin", "ok");

    private long Renewals => Cloud.Counters.Count("vault.VaultRenewSelf", "ok");

    private ConfigurationRoot Build() => _broker.Build(DatabasePairSection.Of(Cloud), static b => b.UseVault());

    protected override void Configure(LocalCloudOptions options)
    {
        options.Vault.KubernetesRoles["sidecar"] = new VaultRole { TokenTtl = TokenTtl, TokenMaxTtl = TokenMaxTtl };
        options.Vault.DatabaseRoles["readonly"] = new DynamicRole { DefaultTtl = TimeSpan.FromHours(1), MaxTtl = TimeSpan.FromHours(24) };
    }
}
