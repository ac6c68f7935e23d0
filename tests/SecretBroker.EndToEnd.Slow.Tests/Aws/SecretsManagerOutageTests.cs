using SecretBroker.Emulators.Faults;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>Secrets Manager failing (5xx, dropped connections) for a while, against the real sidecar.</summary>
public class SecretsManagerOutageTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(FaultKind.InternalServiceError)]
    [InlineData(FaultKind.DropConnection)]
    public async Task During_an_outage_the_last_value_is_served_marked_stale_requests_back_off_and_everything_recovers_after(FaultKind kind)
    {
        await SecretsManagerOutage.RunAsync(kind, output);
    }
}
