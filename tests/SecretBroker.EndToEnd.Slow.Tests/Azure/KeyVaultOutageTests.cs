using SecretBroker.Emulators.Faults;

namespace SecretBroker.EndToEnd.Tests.Azure;

/// <summary>Key Vault failing (5xx, 503, dropped connections) for a while, against the real sidecar, in both refresh modes.</summary>
public class KeyVaultOutageTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(FaultKind.InternalServiceError, "get")]
    [InlineData(FaultKind.DropConnection, "get")]
    [InlineData(FaultKind.ServiceUnavailable, "list")]
    public async Task During_an_outage_the_last_value_is_served_marked_stale_requests_back_off_and_everything_recovers_after(FaultKind kind, string refreshMode)
    {
        await KeyVaultOutage.RunAsync(kind, refreshMode, output);
    }
}
