using System.Diagnostics;
using SecretBroker.Backends;
using SecretBroker.Vault.Tests.Infrastructure;
using static SecretBroker.Vault.Tests.Infrastructure.Definitions;

namespace SecretBroker.Vault.Tests.Errors;

/// <summary>A Vault that never answers: the request timeout is a transient failure, the caller's cancellation ends a call, and disposal's revocation is bounded.</summary>
public sealed class TimeoutAndCancellationTests
{
    [Fact]
    public async Task A_request_with_no_answer_within_the_timeout_is_transient()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        using var handler = new CountingHandler { Hang = r => r.RequestUri!.AbsolutePath.StartsWith("/v1/secret/", StringComparison.Ordinal) };
        await using VaultBackend backend = cloud.Backend(handler, o => o.RequestTimeout = TimeSpan.FromSeconds(1));

        SecretBackendException error = Assert.Single(await backend.FetchAsync([Secret("db", "secret/data/app/db")], default)).Error!;

        Assert.Equal(SecretErrorKind.Transient, error.Kind);
        Assert.Equal("vault backend 'vault': GET secret/data/app/db: no answer within 1 s", error.Message);
    }

    [Fact]
    public async Task The_callers_cancellation_ends_a_call_in_flight_with_OperationCanceledException()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        using var handler = new CountingHandler { Hang = r => r.RequestUri!.AbsolutePath.StartsWith("/v1/secret/", StringComparison.Ordinal) };
        await using VaultBackend backend = cloud.Backend(handler);
        using var cancel = new CancellationTokenSource();

        ValueTask<IReadOnlyList<SecretFetchResult>> call = backend.FetchAsync([Secret("db", "secret/data/app/db")], cancel.Token);
        while (handler.Count("GET", "secret/") == 0)
        {
            await Task.Yield();
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await call);
    }

    [Fact]
    public async Task Revoking_on_shutdown_against_a_vault_that_hangs_ends_within_its_budget()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        using var handler = new CountingHandler();
        VaultBackend backend = cloud.Backend(handler, o =>
        {
            o.RevokeOnShutdown = true;
            o.RequestTimeout = TimeSpan.FromSeconds(30);
        });
        Assert.True((await backend.FetchAsync([Secret("u", "database/creds/readonly", key: "username")], default))[0].Succeeded);
        handler.Hang = _ => true;

        var watch = Stopwatch.StartNew();
        backend.Dispose();

        Assert.True(watch.Elapsed < VaultBackend.RevokeBudget + TimeSpan.FromSeconds(2), $"disposal took {watch.Elapsed}");
        Assert.Equal(1, handler.Count("PUT", "sys/leases/revoke"));
    }
}
