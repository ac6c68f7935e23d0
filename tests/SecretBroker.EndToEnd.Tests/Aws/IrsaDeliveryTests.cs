using System.Net;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// The real <c>secretbroker</c> process against the in-process local cloud, over IRSA: projected token → STS
/// AssumeRoleWithWebIdentity → SigV4-signed Secrets Manager calls → the <c>hf-token</c> file, and with
/// <c>outputs.socket</c> the socket API too.
/// </summary>
public class IrsaDeliveryTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_new_AWSCURRENT_reaches_every_output_within_refresh_plus_1s_and_no_value_or_key_is_logged(bool socket)
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync();
        string first = AwsCanary.New("FIRST");
        string rotated = AwsCanary.New("ROTATED");
        setup.PutToken(first);
        string config = setup.WriteConfig(refresh: Refresh, socket: socket);

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.IrsaEnvironment());
        if (socket)
        {
            await sidecar.WaitForLogAsync("\"EventId\":4000", TimeSpan.FromSeconds(30));
        }

        using SidecarProbes? probes = socket ? new(setup, sidecar) : null;

        // The socket, when configured, must agree with the file.
        async Task<bool> Delivered(string value) =>
            setup.ReadOutput() == value && (probes is null || (await probes.ReadAsync(AwsCloudSetup.FileName)).Value == value);

        await Eventually.HoldsAsync(() => Delivered(first), TimeSpan.FromSeconds(30), $"every output = the stored value.\nstdout:\n{sidecar.StandardOutput}\nstderr:\n{sidecar.StandardError}");
        Assert.Contains(setup.Cloud.Sessions.All(), s => s.RoleArn == setup.Cloud.Options.RoleArn);

        setup.PutToken(rotated);
        TimeSpan took = await Eventually.HoldsAsync(() => Delivered(rotated), TimeSpan.FromSeconds(15), $"every output = the new AWSCURRENT.\nstdout:\n{sidecar.StandardOutput}");
        Assert.True(took <= Refresh + TimeSpan.FromSeconds(1), $"the new AWSCURRENT took {took.TotalMilliseconds:0} ms to reach the outputs (refresh {Refresh.TotalSeconds} s + 1 s)");

        if (probes is not null)
        {
            (HttpStatusCode status, _, bool stale) = await probes.ReadAsync(AwsCloudSetup.FileName);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.False(stale);
        }

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        AwsCanary.AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError, setup);
    }
}
