using System.Net;
using SecretBroker.EndToEnd.Tests.Aws;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Vault;

/// <summary>
/// The real <c>secretbroker</c> process against the in-process Vault emulator: projected token → Kubernetes login → KV
/// v2 (a metadata probe each cycle, the value read only when <c>current_version</c> moved) → the <c>hf-token</c> file and
/// the socket API; a new KV version reaches both within refresh + 1 s; SIGTERM stops it cleanly; nothing secret in its
/// output.
/// </summary>
public class VaultDeliveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_new_kv_version_reaches_the_file_and_the_socket_within_refresh_plus_1s()
    {
        await using VaultCloudSetup setup = await VaultCloudSetup.StartAsync();
        string first = VaultCanary.New("FIRST");
        string rotated = VaultCanary.New("ROTATED");
        setup.PutToken(first);
        string config = setup.WriteConfig(Refresh, socket: true);

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":4000", TimeSpan.FromSeconds(30));
        using SidecarProbes probes = new(setup, sidecar);

        async Task<bool> Delivered(string value) =>
            setup.ReadOutput() == value && (await probes.ReadAsync(VaultCloudSetup.SecretName)).Value == value;

        await Eventually.HoldsAsync(() => Delivered(first), TimeSpan.FromSeconds(30), $"the file and the socket = the stored value.\nstdout:\n{sidecar.StandardOutput}\nstderr:\n{sidecar.StandardError}");
        Assert.Equal(1, setup.VaultRequests("VaultLogin", "ok"));

        // Settle into the cycle first, so the measurement is one refresh, not the start.
        await Eventually.HoldsAsync(() => setup.VaultRequests("VaultKvMetadata", "ok") >= 3, TimeSpan.FromSeconds(15), "a few probes");
        long readsBefore = setup.VaultRequests("VaultKvRead", "ok");
        int version = setup.PutToken(rotated);
        TimeSpan took = await Eventually.HoldsAsync(() => Delivered(rotated), TimeSpan.FromSeconds(15), $"the new version everywhere.\nstdout:\n{sidecar.StandardOutput}");
        output.WriteLine($"KV v2 version {version} delivered {took.TotalMilliseconds:0} ms after the write (refresh {Refresh.TotalSeconds} s)");
        Assert.True(took <= Refresh + TimeSpan.FromSeconds(1), $"the new version took {took.TotalMilliseconds:0} ms (refresh {Refresh.TotalSeconds} s + 1 s)");

        (HttpStatusCode status, _, bool stale) = await probes.ReadAsync(VaultCloudSetup.SecretName);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(stale);

        // Probe, then read only what moved: the value was read once for the rotation, however many cycles ran.
        long metadata = setup.VaultRequests("VaultKvMetadata", "ok");
        long reads = setup.VaultRequests("VaultKvRead", "ok");
        output.WriteLine($"Vault calls: {metadata} metadata probes, {reads} reads, {setup.VaultRequests("VaultLogin")} logins");
        Assert.Equal(readsBefore + 1, reads);
        Assert.Equal(1, setup.VaultRequests("VaultLogin"));

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        setup.AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError);
    }

    [Fact]
    public async Task Check_prints_the_auth_line_and_each_version_and_never_a_token()
    {
        await using VaultCloudSetup setup = await VaultCloudSetup.StartAsync();
        setup.PutToken(VaultCanary.New("CHECK"));
        setup.PutToken(VaultCanary.New("CHECK2"));
        string config = setup.WriteConfig(database: true);

        (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(60));
        output.WriteLine(stdout + stderr);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"backend vault: vault http://127\.0\.0\.1:\d+/ namespace=\(root\) auth=kubernetes mount=kubernetes role=sidecar token-ttl=\d+s renewable=yes", stdout);
        Assert.Matches(@"(?m)^hf-token\s+vault\s+2\s+ok$", stdout);
        Assert.Matches(@"(?m)^db-username\s+vault\s+\S+\s+ok \(lease [0-9hms]+, renewable\)$", stdout);
        Assert.Matches(@"(?m)^db-password\s+vault\s+\S+\s+ok \(lease [0-9hms]+, renewable\)$", stdout);
        setup.AssertNoLeak(stdout + "\n" + stderr);
    }
}
