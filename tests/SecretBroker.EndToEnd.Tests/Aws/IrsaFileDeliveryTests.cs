using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// The real <c>secretbroker</c> process against the in-process local cloud, over IRSA: projected token → STS
/// AssumeRoleWithWebIdentity → SigV4-signed Secrets Manager calls → the <c>hf-token</c> file.
/// </summary>
public class IrsaFileDeliveryTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Irsa_delivers_the_secret_to_the_file_and_a_new_AWSCURRENT_within_refresh_plus_1s_and_never_logs_a_value_or_key()
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync();
        string first = AwsCanary.New("FIRST");
        string rotated = AwsCanary.New("ROTATED");
        setup.PutToken(first);
        string config = setup.WriteConfig(refresh: Refresh);

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.IrsaEnvironment());
        await Eventually.HoldsAsync(() => setup.ReadOutput() == first, TimeSpan.FromSeconds(30), $"hf-token = the stored value.\nstdout:\n{sidecar.StandardOutput}\nstderr:\n{sidecar.StandardError}");
        Assert.Contains(setup.Cloud.Sessions.All(), s => s.RoleArn == setup.Cloud.Options.RoleArn);

        setup.PutToken(rotated);
        TimeSpan took = await Eventually.HoldsAsync(() => setup.ReadOutput() == rotated, TimeSpan.FromSeconds(15), $"hf-token = the new AWSCURRENT.\nstdout:\n{sidecar.StandardOutput}");
        Assert.True(took <= Refresh + TimeSpan.FromSeconds(1), $"the new AWSCURRENT took {took.TotalMilliseconds:0} ms to reach the file (refresh {Refresh.TotalSeconds} s + 1 s)");

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        AwsCanary.AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError, setup);
    }
}
