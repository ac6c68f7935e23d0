using System.Net;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>IRSA through the real sidecar with both outputs: what reaches the file reaches the socket API too.</summary>
public class IrsaSocketDeliveryTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_new_AWSCURRENT_reaches_the_file_and_the_socket_within_refresh_plus_1s()
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync();
        string first = AwsCanary.New("SOCKET_FIRST");
        string rotated = AwsCanary.New("SOCKET_ROTATED");
        setup.PutToken(first);
        string config = setup.WriteConfig(refresh: Refresh, socket: true);

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.IrsaEnvironment());
        await sidecar.WaitForLogAsync("\"EventId\":4000", TimeSpan.FromSeconds(30));
        using SidecarProbes probes = new(setup, sidecar);
        await Eventually.HoldsAsync(async () => setup.ReadOutput() == first && (await probes.ReadAsync(AwsCloudSetup.FileName)).Value == first, TimeSpan.FromSeconds(30), $"file and socket = the stored value.\nstdout:\n{sidecar.StandardOutput}");

        setup.PutToken(rotated);
        TimeSpan took = await Eventually.HoldsAsync(
            async () => setup.ReadOutput() == rotated && (await probes.ReadAsync(AwsCloudSetup.FileName)).Value == rotated,
            TimeSpan.FromSeconds(15),
            $"file and socket = the new AWSCURRENT.\nstdout:\n{sidecar.StandardOutput}");

        Assert.True(took <= Refresh + TimeSpan.FromSeconds(1), $"the new AWSCURRENT took {took.TotalMilliseconds:0} ms to reach file and socket (refresh {Refresh.TotalSeconds} s + 1 s)");
        (HttpStatusCode status, _, bool stale) = await probes.ReadAsync(AwsCloudSetup.FileName);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(stale);
        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        AwsCanary.AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError, setup);
    }
}
