namespace SecretBroker.EndToEnd.Tests.Samples;

/// <summary>
/// samples/azure/demo.sh run as a user would (with <c>--no-build</c>: the test build already built both projects): the
/// standalone emulators, <c>check</c> over workload identity, <c>run</c> with the sample config, a new Key Vault version
/// seen in the file, by a long poll and by <c>secretbroker get</c>, the Entra and vault counters, and a clean stop.
/// </summary>
public sealed class AzureDemoScriptTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_demo_shows_a_new_version_end_to_end_and_stops_cleanly()
    {
        (int exitCode, string log) = await DemoScript.RunAsync("azure", [], TimeSpan.FromMinutes(3));
        output.WriteLine(log);

        Assert.True(exitCode == 0, $"demo.sh exited {exitCode}");
        Assert.Contains("identity workload-identity", log, StringComparison.Ordinal);
        Assert.Matches(@"hf-token\s+kv\s+[0-9a-f]{32}\s+ok", log);
        Assert.Matches(@"model-store-key\s+kv\s+[0-9a-f]{32}\s+ok", log);
        Assert.Contains("= hf_demo_first_0001", log, StringComparison.Ordinal);
        Assert.Contains("hf/token = hf_demo_first_0001", log, StringComparison.Ordinal);
        Assert.Contains("model-store-key = demo-model-store-key", log, StringComparison.Ordinal);
        Assert.Matches(@"file: new version visible after \d+ ms", log);
        Assert.Contains("long poll returned: hf_demo_rotated_0002", log, StringComparison.Ordinal);
        Assert.Contains("socket get: hf_demo_rotated_0002", log, StringComparison.Ordinal);
        Assert.Matches(@"entra\.EntraToken\s+ok \d+", log);
        Assert.Matches(@"keyvault\.\w+\s+.*ok \d+", log);
        Assert.Contains("secretbroker exited with 0", log, StringComparison.Ordinal);
        Assert.Contains("Demo complete (azure)", log, StringComparison.Ordinal);
    }
}
