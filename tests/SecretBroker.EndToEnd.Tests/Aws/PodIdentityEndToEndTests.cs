using SecretBroker.Emulators.Sessions;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// EKS Pod Identity through the real sidecar: AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE
/// → the agent emulator → SigV4-signed Secrets Manager calls → the file; secret and agent-token rotations both followed.
/// </summary>
public class PodIdentityEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Pod_identity_delivers_the_secret_follows_a_new_AWSCURRENT_within_refresh_plus_1s_and_presents_a_rotated_agent_token()
    {
        // 10 min credentials sit inside the SDK's 15 min pre-expiry window, so the agent is asked again on every refresh.
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync(o => o.PodIdentity.CredentialLifetime = TimeSpan.FromMinutes(10));
        string first = AwsCanary.New("POD_IDENTITY_FIRST");
        string rotated = AwsCanary.New("POD_IDENTITY_ROTATED");
        setup.PutToken(first);
        string config = setup.WriteConfig(identity: "pod-identity", refresh: Refresh);
        string oldJti = setup.Cloud.PodIdentityToken.CurrentId;

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.PodIdentityEnvironment());
        await Eventually.HoldsAsync(() => setup.ReadOutput() == first, TimeSpan.FromSeconds(30), $"hf-token = the stored value.\nstdout:\n{sidecar.StandardOutput}\nstderr:\n{sidecar.StandardError}");
        Assert.NotEmpty(AgentSessions(setup));
        Assert.DoesNotContain(setup.Cloud.Sessions.All(), s => s.IssuedBy == "sts");
        Assert.All(AgentSessions(setup), s => Assert.Equal(setup.Cloud.Options.PodIdentity.RoleArn, s.RoleArn));

        setup.PutToken(rotated);
        TimeSpan took = await Eventually.HoldsAsync(() => setup.ReadOutput() == rotated, TimeSpan.FromSeconds(15), $"hf-token = the new AWSCURRENT.\nstdout:\n{sidecar.StandardOutput}");
        Assert.True(took <= Refresh + TimeSpan.FromSeconds(1), $"the new AWSCURRENT took {took.TotalMilliseconds:0} ms to reach the file (refresh {Refresh.TotalSeconds} s + 1 s)");

        // The kubelet rotates the agent token; the agent refuses any token but the file's current one.
        setup.Cloud.PodIdentityToken.Rotate();
        string newJti = setup.Cloud.PodIdentityToken.CurrentId;
        int before = AgentSessions(setup).Count;
        await Eventually.HoldsAsync(() => AgentSessions(setup).Any(s => s.TokenId == newJti), TimeSpan.FromSeconds(15), $"an agent call presenting the rotated token.\nstdout:\n{sidecar.StandardOutput}");
        await Eventually.HoldsAsync(() => AgentSessions(setup).Count >= before + 3, TimeSpan.FromSeconds(15), "further agent calls after the rotation");
        List<string?> used = [.. AgentSessions(setup).Select(s => s.TokenId)];
        output.WriteLine($"agent tokens, in order: {string.Join(" ", used.Select(j => j == oldJti ? "old" : j == newJti ? "NEW" : "?"))}; agent answers {string.Join(", ", setup.Cloud.Counters.Snapshot().GetValueOrDefault("pod-identity.GetCredentials") ?? new Dictionary<string, long>())}");
        Assert.DoesNotContain(oldJti, used.Skip(used.IndexOf(newJti)));
        Assert.Equal(rotated, setup.ReadOutput());
        Assert.Equal(0, setup.SecretsManagerRequests("ExpiredTokenException"));

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        AwsCanary.AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError, setup);
    }

    private static List<Session> AgentSessions(AwsCloudSetup setup) => [.. setup.Cloud.Sessions.All().Where(s => s.IssuedBy == "pod-identity").OrderBy(s => s.IssuedAt)];
}
