using SecretBroker.Backends;
using SecretBroker.HuggingFace.Tests.Fakes;

namespace SecretBroker.HuggingFace.Tests;

/// <summary>The access token's <c>expires_in</c> is its lease: not renewable, refreshed 5 minutes ahead of its end.</summary>
public sealed class LeaseTests
{
    [Fact]
    public async Task Expires_in_becomes_a_lease_the_engine_refreshes_five_minutes_ahead()
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub { Respond = static (_, _) => Task.FromResult(FakeHub.Token("hf_jwt_abc", 3600)) };
        using var backend = TestBackends.Create(hub, token);

        SecretFetchResult result = Assert.Single(await backend.FetchAsync([TestBackends.Secret("acme/llama-ft")], CancellationToken.None));

        SecretLease lease = Assert.IsType<SecretLease>(result.Lease);
        Assert.Equal(TimeSpan.FromHours(1), lease.Duration);
        Assert.False(lease.Renewable);
        Assert.Equal(TimeSpan.FromMinutes(5), lease.RefreshAhead);
        Assert.DoesNotContain("hf_jwt_abc", lease.Id, StringComparison.Ordinal);
        Assert.False(backend.Capabilities.SupportsLeaseRenewal);
        Assert.False(backend.Capabilities.SupportsProbe);
    }

    [Fact]
    public async Task An_answer_without_expires_in_has_no_lease_so_the_secret_refresh_applies()
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub { Respond = static (_, _) => Task.FromResult(FakeHub.Token("hf_jwt_abc", null)) };
        using var backend = TestBackends.Create(hub, token);

        SecretFetchResult result = Assert.Single(await backend.FetchAsync([TestBackends.Secret("acme/llama-ft")], CancellationToken.None));

        Assert.True(result.Succeeded);
        Assert.Null(result.Lease);
    }

    [Fact]
    public async Task Each_new_access_token_is_a_new_version_and_the_same_token_keeps_its_version()
    {
        using var token = new ProjectedToken();
        string issued = "hf_jwt_first";
        using var hub = new FakeHub { Respond = (_, _) => Task.FromResult(FakeHub.Token(issued, 3600)) };
        using var backend = TestBackends.Create(hub, token);

        string? first = Assert.Single(await backend.FetchAsync([TestBackends.Secret("acme")], CancellationToken.None)).Version;
        string? same = Assert.Single(await backend.FetchAsync([TestBackends.Secret("acme")], CancellationToken.None)).Version;
        issued = "hf_jwt_second";
        string? second = Assert.Single(await backend.FetchAsync([TestBackends.Secret("acme")], CancellationToken.None)).Version;

        Assert.Equal(first, same);
        Assert.NotEqual(first, second);
        Assert.Matches("^[0-9a-f]{16}$", first);
    }

    [Fact]
    public void The_host_version_key_is_used_when_it_supplies_one()
    {
        byte[] key = [.. Enumerable.Range(1, 16).Select(static i => (byte)i)];
        var a = new Internal.TokenVersion(() => key);
        var b = new Internal.TokenVersion(() => key);
        var other = new Internal.TokenVersion(null);

        Assert.Equal(a.Of("hf_jwt_x"), b.Of("hf_jwt_x"));
        Assert.NotEqual(a.Of("hf_jwt_x"), other.Of("hf_jwt_x"));
    }
}
