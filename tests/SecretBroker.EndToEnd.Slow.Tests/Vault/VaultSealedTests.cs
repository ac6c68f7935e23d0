using System.Net;
using SecretBroker.EndToEnd.Tests.Aws;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Vault;

/// <summary>
/// Vault sealed for 10 s under a running sidecar whose token lives 4 s: the last good value keeps being served, flagged
/// stale on the socket; retries back off (a bounded number of requests, never a storm); after the unseal the expired
/// token is replaced by one fresh login, the stale flag clears and a version written meanwhile arrives.
/// </summary>
public class VaultSealedTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sealed_serves_stale_with_bounded_retries_then_recovers_with_a_new_login()
    {
        await using VaultCloudSetup setup = await VaultCloudSetup.StartAsync();
        string first = VaultCanary.New("BEFORE");
        string after = VaultCanary.New("AFTER");
        setup.PutToken(first);
        setup.SetTokenLifetimes(TimeSpan.FromSeconds(4), TimeSpan.FromHours(1));
        string config = setup.WriteConfig(TimeSpan.FromSeconds(1), socket: true);

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":4000", TimeSpan.FromSeconds(30));
        using SidecarProbes probes = new(setup, sidecar);
        await Eventually.HoldsAsync(() => setup.ReadOutput() == first, TimeSpan.FromSeconds(30), $"the first value.\n{sidecar.StandardOutput}");

        setup.Cloud.Vault.Sealed = true;
        long before = setup.VaultRequests();
        await Eventually.HoldsAsync(async () => (await probes.ReadAsync(VaultCloudSetup.SecretName)).StaleHeader, TimeSpan.FromSeconds(10), "the value flagged stale while sealed");
        (HttpStatusCode status, string value, _) = await probes.ReadAsync(VaultCloudSetup.SecretName);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(first, value);
        Assert.Equal(first, setup.ReadOutput());

        setup.PutToken(after); // written by an operator through another node while this one is sealed
        await Task.Delay(TimeSpan.FromSeconds(10));
        long whileSealed = setup.VaultRequests() - before;
        output.WriteLine($"{whileSealed} requests in 10 s sealed ({setup.VaultRequests(outcome: "sealed")} answered 'sealed')");
        Assert.True(whileSealed <= 12, $"retries back off: {whileSealed} requests in 10 s sealed");
        Assert.Equal(first, setup.ReadOutput());

        long loginsBefore = setup.VaultRequests("VaultLogin", "ok");
        setup.Cloud.Vault.Sealed = false;
        TimeSpan took = await Eventually.HoldsAsync(
            async () => setup.ReadOutput() == after && !(await probes.ReadAsync(VaultCloudSetup.SecretName)).StaleHeader,
            TimeSpan.FromSeconds(40),
            $"recovery after the unseal.\n{sidecar.StandardOutput}");
        long logins = setup.VaultRequests("VaultLogin", "ok") - loginsBefore;
        output.WriteLine($"recovered {took.TotalSeconds:0.0} s after the unseal with {logins} new login(s)");
        Assert.Equal(1, logins);

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        setup.AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError);
    }
}
