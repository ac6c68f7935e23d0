namespace SecretBroker.EndToEnd.Tests.Samples;

/// <summary>
/// samples/aws/demo.sh, run as a user would (with <c>--no-build</c>: the test build already built both projects):
/// the standalone emulators, <c>check</c>, <c>run</c> with the sample config, a rotation seen in the file, by a long
/// poll and by <c>secretbroker get</c>, and a clean stop.
/// </summary>
public sealed class AwsDemoScriptTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("irsa", "sts.AssumeRoleWithWebIdentity")]
    [InlineData("pod-identity", "pod-identity.GetCredentials")]
    public async Task The_demo_shows_a_rotation_end_to_end_and_stops_cleanly(string mode, string identityCall)
    {
        (int exitCode, string log) = await DemoScript.RunAsync("aws", [mode], TimeSpan.FromMinutes(3));
        output.WriteLine(log);

        Assert.True(exitCode == 0, $"demo.sh {mode} exited {exitCode}");
        Assert.Matches(@"hf-token\s+models\s+[0-9a-f-]{36}\s+ok", log);
        Assert.Contains("= hf_demo_first_0001", log, StringComparison.Ordinal);
        Assert.Matches(@"file: rotation visible after \d+ ms", log);
        Assert.Contains("long poll returned: hf_demo_rotated_0002", log, StringComparison.Ordinal);
        Assert.Contains("socket get: hf_demo_rotated_0002", log, StringComparison.Ordinal);
        Assert.Contains(identityCall, log, StringComparison.Ordinal);
        Assert.Contains("secretbroker exited with 0", log, StringComparison.Ordinal);
        Assert.Contains($"Demo complete ({mode})", log, StringComparison.Ordinal);
    }
}
