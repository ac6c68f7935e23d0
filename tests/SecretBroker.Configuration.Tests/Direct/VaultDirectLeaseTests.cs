using Microsoft.Extensions.Configuration;

using SecretBroker.Configuration.Tests.Direct.Fakes;
using SecretBroker.Emulators;
using SecretBroker.Emulators.Vault;
using SecretBroker.Vault;

namespace SecretBroker.Configuration.Tests.Direct;

/// <summary>
/// A dynamic database credential under <c>AddSecretBroker</c> with <c>UseVault()</c> (the direct provider's side of the
/// sidecar's VaultLeaseTests E2E test): the one lease behind <c>username</c> and <c>password</c> is renewed in place
/// while it can be, and near its max TTL the pair is read afresh, both keys changing in one reload to a pair the
/// database accepts. The Vault emulator runs on the engine's fake clock, so leases age exactly as the test advances it
/// (no real waits). No log line or exception may contain either half of any pair.
/// </summary>
public sealed class VaultDirectLeaseTests() : LocalCloudTest("vault-lease")
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxTtl = TimeSpan.FromSeconds(150);

    private readonly DirectBroker _broker = new();

    protected override TimeProvider Clock => _broker.Clock;

    [Fact]
    public async Task The_pair_is_renewed_in_place_then_past_its_max_ttl_reread_as_one_new_valid_pair_in_one_reload_without_logging_it()
    {
        using ConfigurationRoot root = Build();
        string firstUser = root["db:username"]!;
        string firstPassword = root["db:password"]!;
        VaultLease first = Assert.Single(Cloud.Vault.Leases());
        Assert.Equal(firstUser, first.Username);
        Assert.True(Cloud.Vault.CredentialsValid(firstUser, firstPassword), "both fields from one live lease");
        using var reloads = new ReloadCounter(root);

        // Would fail if the engine fetched a new credential instead of renewing: the username would change before the
        // max TTL and the emulator would count no renewals. Each step also checks the pair served is still accepted.
        for (int cycle = 0; cycle < 20 && root["db:username"] == firstUser; cycle++)
        {
            Assert.Equal(firstPassword, root["db:password"]);
            Assert.True(Cloud.Vault.CredentialsValid(firstUser, firstPassword), $"the served pair is live at {_broker.Clock.GetUtcNow() - first.Issued}");
            await _broker.RefreshCycleAsync(root);
        }

        Assert.True(first.Renewals >= 2, $"the lease is renewed in place while it can be ({first.Renewals} renewals)");

        // Would fail if the pair were never re-read past the max TTL, re-read one key at a time, or reloaded twice.
        string secondUser = root["db:username"]!;
        string secondPassword = root["db:password"]!;
        Assert.NotEqual(firstUser, secondUser);
        Assert.NotEqual(firstPassword, secondPassword);
        Assert.True(Cloud.Vault.CredentialsValid(secondUser, secondPassword), "the new pair comes from one live lease");
        Assert.Equal(2, Cloud.Vault.Leases().Count);
        Assert.Equal(1, reloads.Count);
        Assert.True(_broker.Clock.GetUtcNow() < first.MaxExpires, "re-read while the old lease still held (no gap for the consumer)");

        // Would fail if any log line (Trace included) or exception text carried either half of either pair.
        CanaryScan.AssertNeverWritten(_broker, Cloud.Vault.Leases().SelectMany(static l => new[] { l.Username, l.Password }));
    }

    private ConfigurationRoot Build() => _broker.Build(DatabasePairSection.Of(Cloud), static b => b.UseVault());

    protected override void Configure(LocalCloudOptions options) =>
        options.Vault.DatabaseRoles["readonly"] = new DynamicRole { DefaultTtl = Ttl, MaxTtl = MaxTtl };
}
