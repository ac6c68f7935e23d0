using System.Diagnostics;
using System.Net;
using SecretBroker.Emulators.Faults;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// One Secrets Manager outage against the real sidecar (IRSA, files + socket + loopback listener): a fault armed on
/// every operation for <see cref="Window"/>, a rotation made during it, then cleared. Checks on the way: the file keeps
/// the last value, the socket and <c>/metrics</c> report stale, the request count stays under the backoff bound,
/// and after the fault everything recovers.
/// </summary>
internal static class SecretsManagerOutage
{
    /// <summary>Short refresh: a sidecar retrying at the refresh interval would make ~50 requests in the window.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(200);

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs the outage with <paramref name="kind"/>; returns the failed requests and the bound they were held to. One
    /// refresh attempt is one HTTP request (the client does not retry; a dropped connection was measured not to be
    /// retried by <c>SocketsHttpHandler</c> either), so the bound on attempts bounds requests.
    /// </summary>
    public static async Task<(long Failed, int Bound, TimeSpan Window, TimeSpan Recovery)> RunAsync(FaultKind kind, ITestOutputHelper output)
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync();
        string before = AwsCanary.New("OUTAGE_BEFORE");
        string during = AwsCanary.New("OUTAGE_ROTATED_DURING");
        setup.PutToken(before);
        string config = setup.WriteConfig(refresh: Refresh, socket: true, http: true);

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.IrsaEnvironment());
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(30));
        using SidecarProbes probes = new(setup, sidecar, http: true);
        await Eventually.HoldsAsync(() => setup.ReadOutput() == before, TimeSpan.FromSeconds(30), $"hf-token = the stored value.\nstdout:\n{sidecar.StandardOutput}");
        Assert.Equal(0, await probes.StaleGaugeAsync());

        // The outage: every Secrets Manager operation fails until cleared; a rotation lands meanwhile.
        string faultOutcome = FaultOutcome(kind);
        long failedBefore = setup.SecretsManagerRequests(faultOutcome);
        Stopwatch outage = Stopwatch.StartNew();
        setup.Cloud.Faults.Set(FaultInjector.AnyOperation, new Fault { Kind = kind });
        setup.PutToken(during);

        await Eventually.HoldsAsync(async () => await probes.StaleGaugeAsync() >= 1, Window, $"secretbroker_secrets_stale ≥ 1.\nstdout:\n{sidecar.StandardOutput}");
        (HttpStatusCode status, string value, bool staleHeader) = await probes.ReadAsync(AwsCloudSetup.FileName);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(before, value);
        Assert.True(staleHeader, "SecretBroker-Stale: true while the backend fails");
        Assert.True(await probes.JsonStaleAsync(AwsCloudSetup.FileName), "\"stale\": true while the backend fails");
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
        long failed = setup.SecretsManagerRequests(faultOutcome) - failedBefore;
        TimeSpan window = outage.Elapsed;
        setup.Cloud.Faults.Clear();
        int bound = BackoffBound.MaxAttempts(window);
        int engineFailures = sidecar.StdoutLines.Count(l => l.Contains("\"EventId\":1003", StringComparison.Ordinal));
        output.WriteLine($"{kind}: {failed} failed Secrets Manager requests ({engineFailures} failed refreshes logged) in {window.TotalSeconds:0.0} s (bound {bound}; at the refresh interval it would be ~{window / Refresh:0})");
        Assert.True(failed >= 2, $"the outage must have been met and retried ({failed} failed requests)");
        Assert.True(failed <= bound, $"{failed} failed requests in {window.TotalSeconds:0.0} s exceed the backoff bound {bound}");

        // Recovery: the next attempt comes at most C(failed) after the last failure.
        TimeSpan recoveryDeadline = BackoffBound.Ceiling((int)failed) + Refresh + TimeSpan.FromSeconds(15);
        TimeSpan recovery = await Eventually.HoldsAsync(
            async () => setup.ReadOutput() == during && await probes.StaleGaugeAsync() == 0,
            recoveryDeadline,
            $"the rotated value delivered and stale back to 0.\nstdout:\n{sidecar.StandardOutput}");
        (status, value, staleHeader) = await probes.ReadAsync(AwsCloudSetup.FileName);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(during, value);
        Assert.False(staleHeader);
        Assert.False(await probes.JsonStaleAsync(AwsCloudSetup.FileName));
        output.WriteLine($"{kind}: recovered {recovery.TotalSeconds:0.0} s after the fault was cleared (deadline {recoveryDeadline.TotalSeconds:0} s)");

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        string logs = sidecar.StandardOutput + "\n" + sidecar.StandardError;
        Assert.Contains("\"EventId\":1004", logs, StringComparison.Ordinal);
        Assert.Contains("\"EventId\":1005", logs, StringComparison.Ordinal);
        AwsCanary.AssertNoLeak(logs, setup);
        return (failed, bound, window, recovery);
    }

    private static string FaultOutcome(FaultKind kind) => kind switch
    {
        FaultKind.InternalServiceError => "fault:InternalServiceError",
        FaultKind.ServiceUnavailable => "fault:ServiceUnavailable",
        FaultKind.Throttling => "fault:ThrottlingException",
        FaultKind.DropConnection => "fault:drop",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
