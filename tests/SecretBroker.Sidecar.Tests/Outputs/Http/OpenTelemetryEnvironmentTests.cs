namespace SecretBroker.Sidecar.Tests.Outputs.Http;

/// <summary>
/// The OpenTelemetry SDK reads <c>OTEL_*</c> environment variables unless told otherwise; the sidecar's metrics
/// follow its config file only. Environment variables are process-wide, so this runs alone.
/// </summary>
[Collection(nameof(OpenTelemetryEnvironmentTests))]
[CollectionDefinition(nameof(OpenTelemetryEnvironmentTests), DisableParallelization = true)]
public sealed class OpenTelemetryEnvironmentTests
{
    [Fact]
    public async Task OTEL_SDK_DISABLED_in_the_environment_does_not_empty_the_metrics()
    {
        string? before = Environment.GetEnvironmentVariable("OTEL_SDK_DISABLED");
        Environment.SetEnvironmentVariable("OTEL_SDK_DISABLED", "true");
        try
        {
            await using MetricsHost host = await MetricsHost.StartAsync("hf-token");

            Assert.Contains("secretbroker_refreshes_total{backend=\"local\",outcome=\"changed\"} 1\n", await host.ScrapeAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OTEL_SDK_DISABLED", before);
        }
    }
}
