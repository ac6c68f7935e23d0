using System.Text;
using SecretBroker.Emulators.HuggingFace;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.HuggingFace;

/// <summary>
/// <c>secretbroker check</c> with <c>huggingface.verify: true</c> shows each <c>profile: huggingface</c> token to a
/// loopback fake of the Hub (which insists on <c>Authorization: Bearer</c>) and prints the token's name and role —
/// never the token.
/// </summary>
public sealed class HuggingFaceCheckTests
{
    private const string Token = "hf_VerifyCanaryToken0123456789abcdef";

    [Fact]
    public async Task Check_prints_the_name_and_role_the_hub_reports_for_the_token()
    {
        await using var hub = await WhoAmIHub.StartAsync();
        hub.Endpoint.AddToken(Token, new WhoAmIAccount("alice", "inference-read", "read"));
        using var setup = new HuggingFaceSidecarSetup();
        setup.SetToken(Token + "\n");
        setup.SetOther("x");
        string config = setup.WriteConfig($"huggingface: {{ verify: true, endpoint: '{hub.Url}' }}");

        var (exitCode, stdout, stderr) = await SidecarCli.RunAsync(["check", "--config", config]);
        string output = Encoding.UTF8.GetString(stdout);

        Assert.True(exitCode == 0, $"exit {exitCode}: {output}{stderr}");
        Assert.Contains($"hf-token: Hugging Face token 'inference-read', role read, account alice, verified at {hub.Url}", output, StringComparison.Ordinal);
        Assert.Equal(1, hub.Endpoint.Requests);
        Assert.Equal(0, hub.Endpoint.Refused);
        Assert.DoesNotContain("CanaryToken", output + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_the_hub_does_not_know_fails_check_with_exit_1_and_says_so_without_the_token()
    {
        await using var hub = await WhoAmIHub.StartAsync();
        using var setup = new HuggingFaceSidecarSetup();
        setup.SetToken(Token);
        setup.SetOther("x");
        string config = setup.WriteConfig($"huggingface: {{ verify: true, endpoint: '{hub.Url}' }}");

        var (exitCode, stdout, stderr) = await SidecarCli.RunAsync(["check", "--config", config]);
        string output = Encoding.UTF8.GetString(stdout);

        Assert.Equal(1, exitCode);
        Assert.Contains("hf-token: Hugging Face token not verified at", output, StringComparison.Ordinal);
        Assert.Matches(@"hf-token\s+local\s+\S+\s+error: the Hub refused the token \(HTTP 401\)", output);
        Assert.Equal(1, hub.Endpoint.Refused);
        Assert.DoesNotContain("CanaryToken", output + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_without_the_hf_prefix_fails_check_on_its_shape_and_the_hub_is_not_asked()
    {
        await using var hub = await WhoAmIHub.StartAsync();
        using var setup = new HuggingFaceSidecarSetup();
        setup.SetToken("ShapeCanaryToken-without-prefix");
        setup.SetOther("x");
        string config = setup.WriteConfig($"huggingface: {{ verify: true, endpoint: '{hub.Url}' }}");

        var (exitCode, stdout, stderr) = await SidecarCli.RunAsync(["check", "--config", config]);
        string output = Encoding.UTF8.GetString(stdout);

        Assert.Equal(1, exitCode);
        Assert.Matches(@"hf-token\s+local\s+\S+\s+error: the value does not start with hf_", output);
        Assert.Matches(@"other\s+local\s+\S+\s+ok", output);
        Assert.Equal(0, hub.Endpoint.Requests);
        Assert.DoesNotContain("CanaryToken", output + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_verify_check_validates_the_shape_only_and_contacts_no_hub()
    {
        await using var hub = await WhoAmIHub.StartAsync();
        using var setup = new HuggingFaceSidecarSetup();
        setup.SetToken(Token);
        setup.SetOther("x");
        string config = setup.WriteConfig($"huggingface: {{ endpoint: '{hub.Url}' }}");

        var (exitCode, stdout, _) = await SidecarCli.RunAsync(["check", "--config", config]);

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("verified", Encoding.UTF8.GetString(stdout), StringComparison.Ordinal);
        Assert.Equal(0, hub.Endpoint.Requests);
    }
}
