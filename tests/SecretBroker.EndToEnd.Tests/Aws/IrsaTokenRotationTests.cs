using SecretBroker.Emulators.Sessions;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// The kubelet rotates the IRSA projected token (a new generation swapped in under <c>..data</c>): the sidecar's next
/// AssumeRoleWithWebIdentity must present the new token, read from the file, not a copy held in memory.
/// </summary>
public class IrsaTokenRotationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task After_a_kubelet_style_token_rotation_the_next_STS_exchange_carries_the_new_token()
    {
        // 10 min sessions sit inside the SDK's 15 min pre-expiry window, so every refresh leads to an exchange.
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync(o => o.Sts.SessionLifetime = TimeSpan.FromMinutes(10));
        string value = AwsCanary.New("TOKEN_ROTATION");
        setup.PutToken(value);
        string config = setup.WriteConfig(refresh: TimeSpan.FromSeconds(1));
        string oldJti = setup.Cloud.IrsaToken.CurrentId;

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.IrsaEnvironment());
        await Eventually.HoldsAsync(() => setup.ReadOutput() == value, TimeSpan.FromSeconds(30), $"hf-token = the stored value.\nstdout:\n{sidecar.StandardOutput}");
        await Eventually.HoldsAsync(() => StsSessions(setup).Count >= 2, TimeSpan.FromSeconds(15), "a second exchange with the first token");

        setup.Cloud.IrsaToken.Rotate();
        string newJti = setup.Cloud.IrsaToken.CurrentId;
        int before = StsSessions(setup).Count;
        TimeSpan took = await Eventually.HoldsAsync(() => StsSessions(setup).Any(s => s.TokenId == newJti), TimeSpan.FromSeconds(15), $"an exchange presenting the rotated token.\nstdout:\n{sidecar.StandardOutput}");
        await Eventually.HoldsAsync(() => StsSessions(setup).Count >= before + 3, TimeSpan.FromSeconds(15), "further exchanges after the rotation");

        // In issue order: the old token until the rotation, then only the new one (an exchange already under way
        // when the file was swapped may still carry the old token; none after the first new one may).
        List<string?> used = [.. StsSessions(setup).Select(s => s.TokenId)];
        output.WriteLine($"tokens presented, in order: {string.Join(" ", used.Select(j => j == oldJti ? "old" : j == newJti ? "NEW" : "?"))}; first NEW {took.TotalMilliseconds:0} ms after the rotation");
        Assert.All(used, j => Assert.True(j == oldJti || j == newJti, $"unexpected token {j}"));
        int firstNew = used.IndexOf(newJti);
        Assert.True(firstNew >= 2, "the old token was used before the rotation");
        Assert.DoesNotContain(oldJti, used.Skip(firstNew));
        Assert.Equal(value, setup.ReadOutput());
        Assert.Equal(0, setup.SecretsManagerRequests("ExpiredTokenException"));

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        AwsCanary.AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError, setup);
    }

    private static List<Session> StsSessions(AwsCloudSetup setup) => [.. setup.Cloud.Sessions.All().Where(s => s.IssuedBy == "sts").OrderBy(s => s.IssuedAt)];
}
