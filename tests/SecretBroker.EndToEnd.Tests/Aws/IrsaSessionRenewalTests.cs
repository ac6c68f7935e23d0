using System.Diagnostics;
using SecretBroker.Emulators.Sessions;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// IRSA sessions that live only seconds (the STS emulator's <c>SessionLifetime</c>), against the real sidecar:
/// the sidecar must hold a fresh session before the old one runs out, so Secrets Manager never sees an expired one.
/// </summary>
/// <remarks>
/// The renewal is AWSSDK.Core's (4.0.102.19): inside <c>PreemptExpiryTime</c> (15 min) of expiry a request triggers a
/// background exchange while the current session keeps signing; inside <c>ExpirationBuffer</c> (1 min), or once
/// expired, the exchange happens before signing. The three cases cover both paths and an idle lapse.
/// </remarks>
public class IrsaSessionRenewalTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(70, 1000, true)]   // past the 1 min buffer: renewed in the background while the old session signs
    [InlineData(6, 1000, true)]    // inside the buffer: renewed before each signature
    [InlineData(3, 4000, false)]   // lapses between two refreshes: renewed before the next signature
    public async Task Short_sessions_are_renewed_before_they_expire_and_Secrets_Manager_never_sees_an_expired_token(int lifetimeSeconds, int refreshMs, bool inUseThroughout)
    {
        TimeSpan lifetime = TimeSpan.FromSeconds(lifetimeSeconds);
        TimeSpan refresh = TimeSpan.FromMilliseconds(refreshMs);
        TimeSpan observe = TimeSpan.FromSeconds(Math.Min(20, (4 * lifetime + 2 * refresh).TotalSeconds));
        int minimumSessions = Math.Max(3, (int)(observe / lifetime));
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync(o => o.Sts.SessionLifetime = lifetime);
        string first = AwsCanary.New("RENEWAL_FIRST");
        string last = AwsCanary.New("RENEWAL_LAST");
        setup.PutToken(first);
        string config = setup.WriteConfig(refresh: refresh);

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.IrsaEnvironment());
        await Eventually.HoldsAsync(() => setup.ReadOutput() == first, TimeSpan.FromSeconds(30), $"hf-token = the stored value.\nstdout:\n{sidecar.StandardOutput}");
        long okBefore = setup.SecretsManagerRequests("ok");
        Stopwatch watch = Stopwatch.StartNew();
        await Eventually.HoldsAsync(() => watch.Elapsed >= observe, observe + TimeSpan.FromSeconds(5), "the end of the observation window");
        long okDuring = setup.SecretsManagerRequests("ok") - okBefore;
        setup.PutToken(last);
        await Eventually.HoldsAsync(() => setup.ReadOutput() == last, refresh + TimeSpan.FromSeconds(10), $"hf-token = the value stored after the window.\nstdout:\n{sidecar.StandardOutput}");

        List<Session> sessions = [.. setup.Cloud.Sessions.All().Where(s => s.IssuedBy == "sts").OrderBy(s => s.IssuedAt)];
        foreach (Session s in sessions)
        {
            output.WriteLine($"session issued {s.IssuedAt:HH:mm:ss.fff} expires {s.Expiration:HH:mm:ss}");
        }

        output.WriteLine($"{sessions.Count} sessions, {okDuring} ok Secrets Manager requests in {observe.TotalSeconds:0} s; expired-token refusals: {setup.SecretsManagerRequests("ExpiredTokenException")}");
        foreach (var c in setup.Cloud.Counters.Snapshot())
        {
            output.WriteLine($"{c.Key}: {string.Join(", ", c.Value.Select(kv => $"{kv.Key}={kv.Value}"))}");
        }

        Assert.Equal(0, setup.SecretsManagerRequests("ExpiredTokenException"));
        Assert.True(sessions.Count >= minimumSessions, $"{sessions.Count} sessions in {observe.TotalSeconds:0} s of {lifetime.TotalSeconds:0} s sessions (at least {minimumSessions})");

        // While refreshes keep needing credentials, each session is replaced before it runs out; when one lapses
        // unused between refreshes, the expired-token count above is what proves the next signature used a fresh one.
        for (int i = 1; i < sessions.Count && inUseThroughout; i++)
        {
            Assert.True(sessions[i].IssuedAt < sessions[i - 1].Expiration, $"session {i} was issued at {sessions[i].IssuedAt:HH:mm:ss.fff}, after session {i - 1} expired at {sessions[i - 1].Expiration:HH:mm:ss}");
        }

        Assert.True(okDuring >= (long)(observe / refresh / 2), $"refreshes must continue: {okDuring} successful requests in {observe.TotalSeconds:0} s at refresh {refresh.TotalSeconds:0.#} s");
        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        AwsCanary.AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError, setup);
    }
}
