using System.Diagnostics;
using System.Net;
using SecretBroker.Emulators.Faults;
using SecretBroker.EndToEnd.Tests.Aws;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Azure;

/// <summary>
/// One Key Vault outage against the real sidecar (workload identity, files + socket + loopback listener): a fault
/// armed through the admin API on every vault read for <see cref="Window"/>, a new version set during it, then
/// cleared. Checks on the way: the file keeps the last value, the socket and <c>/metrics</c> report stale, the request
/// count stays under the backoff bound, and after the fault everything recovers.
/// </summary>
internal static class KeyVaultOutage
{
    /// <summary>Short refresh: a sidecar retrying at the refresh interval would make ~50 requests in the window.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(200);

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs the outage with <paramref name="kind"/> in <paramref name="refreshMode"/>; returns the failed requests and
    /// the bound they were held to. With one secret a refresh attempt is one vault request in either mode (one GET, or
    /// one list page) when the client does not retry inside an attempt, so the engine's bound on attempts
    /// (<see cref="BackoffBound"/>) bounds requests; a client that retried (Azure.Core's default is 3 retries) would
    /// multiply them and fail the bound.
    /// </summary>
    public static async Task<(long Failed, int Bound, TimeSpan Window, TimeSpan Recovery)> RunAsync(FaultKind kind, string refreshMode, ITestOutputHelper output)
    {
        await using AzureCloudSetup setup = await AzureCloudSetup.StartAsync();
        string before = AzureCanary.New("OUTAGE_BEFORE");
        string during = AzureCanary.New("OUTAGE_SET_DURING");
        setup.PutSecret(before);
        string config = setup.WriteConfig(refreshMode, Refresh, socket: true, http: true);

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.WorkloadIdentityEnvironment());
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(30));
        using SidecarProbes probes = new(setup, sidecar, http: true);
        await Eventually.HoldsAsync(() => setup.ReadOutput() == before, TimeSpan.FromSeconds(30), $"hf-token = the stored value.\nstdout:\n{sidecar.StandardOutput}");
        Assert.Equal(0, await probes.StaleGaugeAsync());

        // The outage: every vault read fails until cleared; a new version lands meanwhile.
        string faultOutcome = KeyVaultAdmin.Outcome(kind);
        long failedBefore = setup.KeyVaultRequests(faultOutcome);
        long tokensBefore = setup.Cloud.Azure.TokenRequests.All().Count;
        Stopwatch outage = Stopwatch.StartNew();
        await KeyVaultAdmin.FailReadsAsync(setup, kind);
        setup.PutSecret(during);

        await Eventually.HoldsAsync(async () => await probes.StaleGaugeAsync() >= 1, Window, $"secretbroker_secrets_stale ≥ 1.\nstdout:\n{sidecar.StandardOutput}");
        (HttpStatusCode status, string value, bool staleHeader) = await probes.ReadAsync(AzureCloudSetup.SecretName);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(before, value);
        Assert.True(staleHeader, "SecretBroker-Stale: true while the vault fails");
        Assert.True(await probes.JsonStaleAsync(AzureCloudSetup.SecretName), "\"stale\": true while the vault fails");
        Assert.Equal(HttpStatusCode.OK, await probes.ReadyAsync());

        // Hold the fault for the window, checking on every poll that the last good value stays in place.
        await Eventually.HoldsAsync(
            () =>
            {
                Assert.Equal(before, setup.ReadOutput());
                return outage.Elapsed >= Window;
            },
            Window + TimeSpan.FromSeconds(5),
            "the end of the outage window");
        long failed = setup.KeyVaultRequests(faultOutcome) - failedBefore;
        TimeSpan window = outage.Elapsed;
        await KeyVaultAdmin.ClearFaultsAsync(setup);
        int bound = BackoffBound.MaxAttempts(window);
        int engineFailures = sidecar.StdoutLines.Count(l => l.Contains("\"EventId\":1003", StringComparison.Ordinal));
        output.WriteLine($"{kind} ({refreshMode}): {failed} failed Key Vault requests ({engineFailures} failed refreshes logged) in {window.TotalSeconds:0.0} s (bound {bound}; at the refresh interval it would be ~{window / Refresh:0}); Entra asked {setup.Cloud.Azure.TokenRequests.All().Count - tokensBefore} times meanwhile");
        Assert.True(failed >= 2, $"the outage must have been met and retried ({failed} failed requests)");
        Assert.True(failed <= bound, $"{failed} failed requests in {window.TotalSeconds:0.0} s exceed the backoff bound {bound}");

        // A vault outage is not an identity problem: the cached access token serves, Entra is not hammered.
        Assert.True(setup.Cloud.Azure.TokenRequests.All().Count - tokensBefore <= 1, "a vault outage must not send the sidecar to Entra on every retry");

        // Recovery: the next attempt comes at most C(failed) after the last failure.
        TimeSpan recoveryDeadline = BackoffBound.Ceiling((int)failed) + Refresh + TimeSpan.FromSeconds(15);
        TimeSpan recovery = await Eventually.HoldsAsync(
            async () => setup.ReadOutput() == during && await probes.StaleGaugeAsync() == 0,
            recoveryDeadline,
            $"the new version delivered and stale back to 0.\nstdout:\n{sidecar.StandardOutput}");
        (status, value, staleHeader) = await probes.ReadAsync(AzureCloudSetup.SecretName);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(during, value);
        Assert.False(staleHeader);
        Assert.False(await probes.JsonStaleAsync(AzureCloudSetup.SecretName));
        output.WriteLine($"{kind} ({refreshMode}): recovered {recovery.TotalSeconds:0.0} s after the fault was cleared (deadline {recoveryDeadline.TotalSeconds:0} s)");

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        string logs = sidecar.StandardOutput + "\n" + sidecar.StandardError;
        Assert.Contains("\"EventId\":1004", logs, StringComparison.Ordinal);
        Assert.Contains("\"EventId\":1005", logs, StringComparison.Ordinal);
        AzureCanary.AssertNoLeak(logs, setup);
        return (failed, bound, window, recovery);
    }
}
