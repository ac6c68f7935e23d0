using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.HuggingFace;

/// <summary>
/// <c>secretbroker run</c> with <c>profile: huggingface</c>: one read-only mount of the output directory serves
/// <c>HF_TOKEN_PATH=&lt;mount&gt;/hf-token</c> (huggingface_hub) and <c>HF_HOME=&lt;mount&gt;/hf</c> (TGI), and a rotation
/// changes both in one generation, while the socket-free <c>other</c> secret is untouched.
/// </summary>
public sealed class HuggingFaceTokenDeliveryTests
{
    private const string First = "hf_FirstCanaryToken0123456789abcdef";
    private const string Second = "hf_SecondCanaryToken0123456789abcdef";

    [Fact]
    public async Task A_rotated_token_reaches_both_python_paths_from_one_generation_without_a_newline()
    {
        using var setup = new HuggingFaceSidecarSetup();
        setup.SetToken(First + "\n");
        setup.SetOther("unchanged");
        string config = setup.WriteConfig();

        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf/token") == First, TimeSpan.FromSeconds(20), "the first token at hf/token");

        var first = await setup.ReadWithPythonAsync();
        Assert.Equal(First, first.TokenPathValue);
        Assert.Equal(First, first.HfHomeValue);
        Assert.Equal(first.TokenPathGeneration, first.HfHomeGeneration);
        Assert.Equal(new FileInfo(Path.Combine(setup.OutputDirectory, "..data")).LinkTarget, first.TokenPathGeneration);
        Assert.Equal("..data/hf", new FileInfo(Path.Combine(setup.OutputDirectory, "hf")).LinkTarget);

        setup.SetToken(Second + "\n");
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == Second, TimeSpan.FromSeconds(10), "the rotated token at hf-token");

        var second = await setup.ReadWithPythonAsync();
        Assert.Equal(Second, second.TokenPathValue);
        Assert.Equal(Second, second.HfHomeValue);
        Assert.Equal(second.TokenPathGeneration, second.HfHomeGeneration);
        Assert.NotEqual(first.TokenPathGeneration, second.TokenPathGeneration);
        Assert.Equal("unchanged", setup.ReadOutput("other"));

        sidecar.Signal(Posix.SigTerm);
        await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("CanaryToken", sidecar.StandardOutput + sidecar.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_that_is_not_a_token_keeps_the_last_good_token_and_is_logged_by_name_only()
    {
        using var setup = new HuggingFaceSidecarSetup();
        setup.SetToken(First);
        setup.SetOther("1");
        string config = setup.WriteConfig();

        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf/token") == First, TimeSpan.FromSeconds(20), "the first token");

        setup.SetToken("password: BrokenCanaryToken");
        setup.SetOther("2");
        await Eventually.HoldsAsync(
            () => sidecar.StdoutLines.Any(l => l.Contains("\"EventId\":2030,", StringComparison.Ordinal) && l.Contains("hf-token", StringComparison.Ordinal))
                && setup.ReadOutput("other") == "2",
            TimeSpan.FromSeconds(10),
            "the refusal logged and the other secret updated");

        Assert.Equal(First, setup.ReadOutput("hf-token"));
        Assert.Equal(First, setup.ReadOutput("hf/token"));
        sidecar.Signal(Posix.SigTerm);
        await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("CanaryToken", sidecar.StandardOutput + sidecar.StandardError, StringComparison.Ordinal);
    }
}
