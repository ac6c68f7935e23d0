namespace SecretBroker.EndToEnd.Tests.Samples;

/// <summary>
/// samples/vault/demo.sh run as a user would (with <c>--no-build</c>: the test build already built both projects): the
/// standalone emulators, <c>check</c> over the Kubernetes auth method, <c>run</c> with the sample config, a new KV v2
/// version in the file, a database lease renewed and re-minted with both files swapped together, the Vault counters,
/// and a clean stop that revokes the lease.
/// </summary>
public sealed class VaultDemoScriptTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_demo_shows_kv_and_a_lease_end_to_end_and_revokes_on_stop()
    {
        (int exitCode, string log) = await DemoScript.RunAsync("vault", [], TimeSpan.FromMinutes(3));
        output.WriteLine(log);

        Assert.True(exitCode == 0, $"demo.sh exited {exitCode}");
        Assert.Matches(@"hf-token\s+vault\s+1\s+ok", log);
        Assert.Contains("hf-token = hf_demo_first_0001", log, StringComparison.Ordinal);
        Assert.Contains("hf/token = hf_demo_first_0001", log, StringComparison.Ordinal);
        Assert.Matches(@"file: new version visible after \d+ ms", log);
        Assert.Matches(@"db-username: v-\S+ -> v-\S+", log);
        Assert.Matches(@"vault\.VaultLogin\s+ok \d+", log);
        Assert.Matches(@"vault\.VaultLeaseRenew\s+.*ok \d+", log);
        Assert.Contains("secretbroker exited with 0", log, StringComparison.Ordinal);
        Assert.Contains("after the stop: 0", log, StringComparison.Ordinal);
        Assert.Contains("Demo complete (vault)", log, StringComparison.Ordinal);
    }
}
