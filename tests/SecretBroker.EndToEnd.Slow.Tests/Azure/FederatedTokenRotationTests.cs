using SecretBroker.Emulators.Azure.Entra;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Azure;

/// <summary>
/// The kubelet rotates the workload identity's projected token (a new generation swapped in under <c>..data</c>): the
/// sidecar's next client assertions to Entra must carry the new token (a new <c>jti</c>), read from the file, and none
/// after it the old one. Entra's access tokens live 60 s here, so the SDK asks Entra again all the time; Azure.Identity
/// reads the file again at most every 5 minutes (its own wall clock, which no test can fake), so this test takes about
/// that long — which is why it lives in this separate, concurrently run assembly.
/// </summary>
public class FederatedTokenRotationTests(ITestOutputHelper output)
{
    /// <summary>Azure.Identity's <c>FileContentsCache</c> refresh interval for the token file (protocols.md §4).</summary>
    private static readonly TimeSpan SdkFileCache = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_a_kubelet_style_token_rotation_the_next_client_assertions_carry_the_new_token()
    {
        await using AzureCloudSetup setup = await AzureCloudSetup.StartAsync(o => o.Entra.AccessTokenLifetime = AccessTokenLifetime);
        string value = AzureCanary.New("TOKEN_ROTATION");
        setup.PutSecret(value);
        string config = setup.WriteConfig(refresh: TimeSpan.FromSeconds(1));
        string oldJti = setup.Cloud.Azure.Token.CurrentId;

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.WorkloadIdentityEnvironment());
        await Eventually.HoldsAsync(() => setup.ReadOutput() == value, TimeSpan.FromSeconds(30), $"hf-token = the stored value.\nstdout:\n{sidecar.StandardOutput}\nstderr:\n{sidecar.StandardError}");
        await Eventually.HoldsAsync(() => Assertions(setup).Count >= 2, AccessTokenLifetime + TimeSpan.FromSeconds(30), "a second token request with the first projected token (short access tokens make the SDK ask again)");

        // Rotate as soon as the SDK has read the file: its next read is at most SdkFileCache after its first.
        string newJti = setup.RotateProjectedToken();
        int before = Assertions(setup).Count;
        TimeSpan took = await Eventually.HoldsAsync(
            () => Assertions(setup).Any(r => r.AssertionId == newJti),
            SdkFileCache + AccessTokenLifetime + TimeSpan.FromSeconds(60),
            $"a client assertion carrying the rotated token.\nstdout:\n{sidecar.StandardOutput}");
        await Eventually.HoldsAsync(() => Assertions(setup).Count(r => r.AssertionId == newJti) >= 2, AccessTokenLifetime + TimeSpan.FromSeconds(30), "a further assertion after the first new one");

        // In issue order: the old token until the SDK read the file again, then only the new one.
        List<EntraTokenRequest> requests = Assertions(setup);
        List<string> used = [.. requests.Select(r => r.AssertionId)];
        output.WriteLine($"assertions, in order: {RunLengths(used.Select(j => j == oldJti ? "old" : j == newJti ? "NEW" : "?"))}; first NEW {took.TotalSeconds:0} s after the rotation ({before} before it)");
        Assert.All(used, j => Assert.True(j == oldJti || j == newJti, $"unexpected assertion jti {j}"));
        Assert.All(requests, r => Assert.Equal("ok", r.Outcome));
        int firstNew = used.IndexOf(newJti);
        Assert.True(firstNew >= 2, "the old token was used before the rotation");
        Assert.DoesNotContain(oldJti, used.Skip(firstNew));
        Assert.True(took <= SdkFileCache + AccessTokenLifetime + TimeSpan.FromSeconds(30), $"the rotated token was first used {took.TotalSeconds:0} s after the rotation");

        // Delivery never suffered: the value stayed, and the vault never refused a bearer token past the challenge.
        Assert.Equal(value, setup.ReadOutput());
        Assert.Equal(0, setup.KeyVaultRequests("TokenExpired"));

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        AzureCanary.AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError, setup);
    }

    /// <summary><c>old×298 NEW×2</c>: the sequence of tokens presented, compressed (the SDK asks Entra on most cycles here).</summary>
    private static string RunLengths(IEnumerable<string> items)
    {
        List<(string Item, int Count)> runs = [];
        foreach (string item in items)
        {
            if (runs.Count > 0 && runs[^1].Item == item)
            {
                runs[^1] = (item, runs[^1].Count + 1);
            }
            else
            {
                runs.Add((item, 1));
            }
        }

        return string.Join(' ', runs.Select(r => $"{r.Item}×{r.Count}"));
    }

    private static List<EntraTokenRequest> Assertions(AzureCloudSetup setup) => [.. setup.Cloud.Azure.TokenRequests.All()];
}
