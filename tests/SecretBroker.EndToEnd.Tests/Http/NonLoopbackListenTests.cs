using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Http;

/// <summary>The sidecar never listens beyond the pod's loopback: any other address is a config error, exit 2.</summary>
public sealed class NonLoopbackListenTests
{
    [Theory]
    [InlineData("0.0.0.0:8787")]
    [InlineData("\"[::]:8787\"")]
    public async Task A_non_loopback_listen_address_exits_2_naming_outputs_http_listen(string listen)
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "v");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1), extraFilesKeys: "  http:\n    listen: " + listen);

        var (exitCode, stdout, stderr) = await SidecarProcess.RunToEndAsync(["run", "--config", config], TimeSpan.FromSeconds(20));

        Assert.Equal(2, exitCode);
        Assert.Contains(":14: outputs.http.listen:", stderr + stdout, StringComparison.Ordinal);
        Assert.Contains("is not a loopback address", stderr + stdout, StringComparison.Ordinal);
    }
}
