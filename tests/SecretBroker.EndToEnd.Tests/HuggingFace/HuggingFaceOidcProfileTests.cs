using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.HuggingFace;

/// <summary>Keyless and the Hugging Face layout together (the contract's example): the exchanged token is also at <c>hf/token</c>, and follows each exchange.</summary>
public class HuggingFaceOidcProfileTests
{
    [Fact]
    public async Task With_profile_huggingface_the_exchanged_token_is_also_written_for_HF_HOME_and_follows_each_exchange()
    {
        await using HubCloudSetup setup = await HubCloudSetup.StartAsync(o => o.HuggingFace.AccessTokenLifetime = TimeSpan.FromSeconds(3));
        string config = setup.WriteConfig(profile: "huggingface");
        string hfHomeToken = Path.Combine(setup.OutputDirectory, "hf", "token");
        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config]);

        await Eventually.HoldsAsync(() => setup.Issued.Count >= 1 && Eventually.ReadOrNull(hfHomeToken) == setup.Issued[0].AccessToken, TimeSpan.FromSeconds(30), $"hf/token = the first access token.\nstdout:\n{sidecar.StandardOutput}");
        await Eventually.HoldsAsync(() => setup.Issued.Count >= 3, TimeSpan.FromSeconds(30), "two refreshes");
        await Eventually.HoldsAsync(() => Eventually.ReadOrNull(hfHomeToken) == setup.Issued[^1].AccessToken && setup.ReadOutput() == setup.Issued[^1].AccessToken, TimeSpan.FromSeconds(10), "both paths hold the latest token");

        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        setup.AssertNoTokenIn(sidecar.StandardOutput + "\n" + sidecar.StandardError);
    }
}
