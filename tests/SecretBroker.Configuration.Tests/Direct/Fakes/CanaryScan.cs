namespace SecretBroker.Configuration.Tests.Direct.Fakes;

/// <summary>
/// Checks that no secret value reached what a direct-provider test collected: every log line at every level (Trace
/// included), the full text of every exception logged, and every error handed to <c>OnRefreshError</c>.
/// </summary>
internal static class CanaryScan
{
    public static void AssertNeverWritten(DirectBroker broker, IEnumerable<string> canaries)
    {
        string[] texts = [.. broker.Logs.Texts, .. broker.Errors.Select(static e => e.Exception.ToString())];
        Assert.NotEmpty(texts);
        foreach (string canary in canaries)
        {
            Assert.DoesNotContain(texts, text => text.Contains(canary, StringComparison.Ordinal));
        }
    }
}
