using SecretBroker.Emulators.HuggingFace;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.HuggingFace;

/// <summary>
/// Keyless Hugging Face through the real sidecar: the projected token is exchanged at the Hub emulator, the access
/// token lands in the files output, and a new one replaces it ahead of expiry, driven by the token's own lifetime.
/// </summary>
public class HuggingFaceOidcDeliveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_exchanged_access_token_is_delivered_as_the_bare_file_and_refreshed_before_it_expires()
    {
        // 6 s tokens: too short for the 5 min margin, so each is replaced at two thirds of its life (4 s).
        await using HubCloudSetup setup = await HubCloudSetup.StartAsync(o => o.HuggingFace.AccessTokenLifetime = TimeSpan.FromSeconds(6));

        // A 500 ms refresh would exchange twice a second: the token's lease must schedule alone (every ~4 s).
        string config = setup.WriteConfig(refresh: TimeSpan.FromMilliseconds(500));
        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config]);

        await Eventually.HoldsAsync(() => setup.Issued.Count >= 1 && setup.ReadOutput() == setup.Issued[0].AccessToken, TimeSpan.FromSeconds(30), $"hf-token = the first access token.\nstdout:\n{sidecar.StandardOutput}");
        await Eventually.HoldsAsync(() => setup.Issued.Count >= 3, TimeSpan.FromSeconds(30), $"two refreshes driven by expires_in.\nstdout:\n{sidecar.StandardOutput}");
        await Eventually.HoldsAsync(() => setup.ReadOutput() == setup.Issued[^1].AccessToken, TimeSpan.FromSeconds(10), "hf-token = the latest access token");

        IReadOnlyList<IssuedHubToken> issued = setup.Issued;
        for (int i = 1; i < issued.Count; i++)
        {
            TimeSpan left = issued[i - 1].ExpiresAt - issued[i].IssuedAt;
            output.WriteLine($"token {i} issued with {left.TotalSeconds:0.0} s left on token {i - 1}");
            Assert.True(left > TimeSpan.Zero, $"token {i} was issued after token {i - 1} expired");
            Assert.True(left < TimeSpan.FromSeconds(3.5), $"token {i} came {left.TotalSeconds:0.0} s before expiry: the refresh interval, not the lease, drove it");
        }

        Assert.All(issued, static t => Assert.Equal(HubCloudSetup.Resource, t.Resource));
        Assert.Equal(0, setup.Cloud.Counters.Count("huggingface.TokenExchange", "invalid_grant"));
        Assert.False((await File.ReadAllBytesAsync(setup.OutputFile)).Contains((byte)'\n'), "the file holds the bare token");

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        setup.AssertNoTokenIn(sidecar.StandardOutput + "\n" + sidecar.StandardError);
    }

    [Fact]
    public async Task After_a_kubelet_style_rotation_of_the_projected_token_the_next_exchange_presents_the_new_one()
    {
        await using HubCloudSetup setup = await HubCloudSetup.StartAsync(o => o.HuggingFace.AccessTokenLifetime = TimeSpan.FromSeconds(3));
        string config = setup.WriteConfig();
        string oldJti = setup.Cloud.HuggingFaceToken.CurrentId;
        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.Issued.Count >= 2, TimeSpan.FromSeconds(30), $"two exchanges with the first token.\nstdout:\n{sidecar.StandardOutput}");

        setup.Cloud.HuggingFaceToken.Rotate();
        string newJti = setup.Cloud.HuggingFaceToken.CurrentId;
        await Eventually.HoldsAsync(() => setup.Issued.Any(t => t.SubjectTokenId == newJti), TimeSpan.FromSeconds(30), $"an exchange presenting the rotated token.\nstdout:\n{sidecar.StandardOutput}");
        int firstNew = setup.Issued.ToList().FindIndex(t => t.SubjectTokenId == newJti);
        await Eventually.HoldsAsync(() => setup.Issued.Count >= firstNew + 3, TimeSpan.FromSeconds(30), "further exchanges after the rotation");
        await Eventually.HoldsAsync(() => setup.ReadOutput() == setup.Issued[^1].AccessToken, TimeSpan.FromSeconds(10), "hf-token = the latest access token");

        List<string?> used = [.. setup.Issued.Select(static t => t.SubjectTokenId)];
        Assert.All(used, j => Assert.True(j == oldJti || j == newJti, $"unexpected token {j}"));
        Assert.True(firstNew >= 2, "the old token was used before the rotation");
        Assert.DoesNotContain(oldJti, used.Skip(firstNew));

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        setup.AssertNoTokenIn(sidecar.StandardOutput + "\n" + sidecar.StandardError);
    }
}
