using Microsoft.Extensions.Time.Testing;
using SecretBroker.Backends;
using SecretBroker.Vault.Internal;
using SecretBroker.Vault.Tests.Infrastructure;
using static SecretBroker.Vault.Tests.Infrastructure.Definitions;

namespace SecretBroker.Vault.Tests.Tokens;

/// <summary>Logins are rate-limited by a token bucket (3, then 1 per 20 s), whose state a host can share across restarts.</summary>
public sealed class LoginBucketTests
{
    [Fact]
    public void The_bucket_allows_a_burst_of_three_then_one_per_twenty_seconds()
    {
        var clock = new FakeTimeProvider();
        var bucket = new LoginBucket(new InMemoryLoginBucketStore(), clock);

        bool[] burst = [bucket.TryTake(out _), bucket.TryTake(out _), bucket.TryTake(out _)];
        bool fourth = bucket.TryTake(out TimeSpan wait);
        clock.Advance(TimeSpan.FromSeconds(19));
        bool early = bucket.TryTake(out TimeSpan rest);
        clock.Advance(TimeSpan.FromSeconds(1));
        bool refilled = bucket.TryTake(out _);

        Assert.All(burst, Assert.True);
        Assert.False(fourth);
        Assert.Equal(TimeSpan.FromSeconds(20), wait);
        Assert.False(early);
        Assert.Equal(TimeSpan.FromSeconds(1), rest);
        Assert.True(refilled);
    }

    [Fact]
    public async Task A_crash_loop_sharing_the_bucket_mints_at_most_the_burst_then_gets_a_transient_error_with_retry_after()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        cloud.WriteKv2("app/db", """{"password":"p1"}""");
        var shared = new SharedStore();
        var results = new List<SecretFetchResult>();

        // Five "restarts" in the same instant, each a new backend (a new process) on the shared bucket state.
        for (int i = 0; i < 5; i++)
        {
            using var handler = new CountingHandler();
            await using VaultBackend backend = cloud.Backend(handler, o => o.LoginBucket = shared);
            results.Add(Assert.Single(await backend.FetchAsync([Secret("db", "secret/data/app/db")], default)));
        }

        Assert.Equal(3, cloud.Count("VaultLogin", "ok"));
        Assert.All(results.Take(3), r => Assert.True(r.Succeeded));
        Assert.All(results.Skip(3), r =>
        {
            Assert.Equal(SecretErrorKind.Transient, r.Error!.Kind);
            Assert.Equal(TimeSpan.FromSeconds(20), r.Error.RetryAfter);
            Assert.Contains("login rate limit", r.Error.Message, StringComparison.Ordinal);
        });
        Assert.True(shared.Saves >= 5);
    }

    [Fact]
    public async Task Revoked_tokens_over_and_over_cost_at_most_the_burst_of_logins()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        cloud.WriteKv2("app/db", """{"password":"p1"}""");
        using var handler = new CountingHandler();
        await using VaultBackend backend = cloud.Backend(handler);
        var failures = new List<SecretBackendException>();
        for (int i = 0; i < 10; i++)
        {
            SecretFetchResult result = Assert.Single(await backend.FetchAsync([Secret("db", "secret/data/app/db")], default));
            if (result.Error is { } error)
            {
                failures.Add(error);
            }

            foreach (var token in cloud.Vault.Tokens().Where(t => !t.Revoked))
            {
                cloud.Vault.RevokeToken(token.Id);
            }
        }

        Assert.Equal(3, handler.Count("POST", "auth/kubernetes/login"));
        Assert.Equal(7, failures.Count);
        Assert.All(failures, f => Assert.Equal(SecretErrorKind.Transient, f.Kind));
    }

    private sealed class SharedStore : IVaultLoginBucketStore
    {
        private VaultLoginBucketState? _state;

        public int Saves { get; private set; }

        public VaultLoginBucketState? Load() => _state;

        public void Save(VaultLoginBucketState state)
        {
            _state = state;
            Saves++;
        }
    }
}
