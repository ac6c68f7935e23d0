using SecretBroker.Backends;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Outputs.Http.Credentials;
using SecretBroker.Testing;

namespace SecretBroker.Sidecar.Tests.Outputs.Http.Credentials;

/// <summary>
/// A <c>type: secret</c> set whose secret the engine withdrew because its lease ended answers 503
/// <c>credentials-expired</c> (an expired credential, not one still loading), never the keys.
/// </summary>
public sealed class WithdrawnSecretIsExpiredTests
{
    private const string Keys = """{"AccessKeyId":"ASIALEASED","SecretAccessKey":"s","SessionToken":"t"}""";

    [Fact]
    public async Task A_set_whose_secret_was_withdrawn_for_an_ended_lease_answers_credentials_expired()
    {
        LeasedTestBackend backend = new(TimeSpan.FromSeconds(60)) { Value = Keys };
        TestClock clock = new();
        SecretDefinition secret = new("s3keys", "local", "s3keys", TimeSpan.FromMinutes(5));
        await using SecretRefreshEngine engine = new([secret], new Dictionary<string, ISecretBackend> { ["local"] = backend }, options: null, clock);
        SidecarSettings settings = new("/dev/null", new Dictionary<string, ConfiguredBackend>(), [secret], new OutputSettings(null, null, null))
        {
            Credentials = [new SecretCredentialSetSettings("minio", "s3keys", AllowLongTermKeys: false)],
        };
        CredentialSetCatalog catalog = new(settings, engine);
        await engine.StartAsync(CancellationToken.None);
        DateTimeOffset issuedAt = clock.GetUtcNow();
        Assert.IsType<CredentialAnswer.Served>(catalog.Find("minio", issuedAt));

        backend.Refusing = true;
        await clock.WaitForPendingTimerAsync();
        clock.SetUtcNow(issuedAt + TimeSpan.FromSeconds(40));
        await clock.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(30)); // stale, and the loop sleeps until the lease end
        Assert.True(Assert.IsType<CredentialAnswer.Served>(catalog.Find("minio", clock.GetUtcNow())).Stale);
        clock.SetUtcNow(issuedAt + TimeSpan.FromSeconds(60));
        using CancellationTokenSource safety = new(TimeSpan.FromSeconds(10));
        while (!engine.Current.Expired.ContainsKey("s3keys"))
        {
            await engine.WaitForGenerationAsync(engine.Current.Number, safety.Token);
        }

        CredentialAnswer.Unavailable answer = Assert.IsType<CredentialAnswer.Unavailable>(catalog.Find("minio", clock.GetUtcNow()));
        Assert.Equal("credentials-expired", answer.Type);
        Assert.DoesNotContain("ASIALEASED", answer.Detail, StringComparison.Ordinal);
    }
}
