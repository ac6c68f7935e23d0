using SecretBroker.Emulators.Faults;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>Secrets Manager answering ThrottlingException for a while, against the real sidecar.</summary>
public class SecretsManagerThrottlingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Throttling_backs_off_with_a_bounded_request_count_and_recovers_when_it_stops()
    {
        await SecretsManagerOutage.RunAsync(FaultKind.Throttling, output);
    }
}
