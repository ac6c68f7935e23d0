using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace SecretBroker.Sidecar.Outputs.Http;

/// <summary>
/// The OpenTelemetry meter provider behind <c>/metrics</c>: the host's own <c>SecretBroker</c> meter, read by the
/// Prometheus exporter at scrape time. Names follow the exporter's default translation (unit suffix, <c>_total</c>
/// on counters); the per-series <c>otel_scope_*</c> labels and the <c>target_info</c> family are turned off, since
/// one scope and no resource attributes would only repeat themselves on every scrape.
/// </summary>
internal static class SidecarMeterProvider
{
    public const string MeterName = "SecretBroker";

    /// <summary>
    /// A provider for the instruments of <paramref name="meterFactory"/> (the host's); <see langword="null"/> takes
    /// every <c>SecretBroker</c> meter in the process. The caller owns and disposes it.
    /// </summary>
    public static MeterProvider Create(IMeterFactory? meterFactory) =>
        Sdk.CreateMeterProviderBuilder()
            // The SDK would otherwise read OTEL_* environment variables (OTEL_SDK_DISABLED turns /metrics into an
            // empty 200); like the rest of the sidecar, metrics follow the validated config file only.
            .ConfigureServices(static services => services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()))
            .AddMeter(MeterName)
            // The SDK matches meters by name only, and meters are process-wide: two hosts in one process (tests run
            // several) would each export both. The meter factory a meter came from is what tells them apart.
            .AddView(instrument => meterFactory is null || ReferenceEquals(instrument.Meter.Scope, meterFactory)
                ? null
                : MetricStreamConfiguration.Drop)
            .AddPrometheusExporter(prometheus =>
            {
                // Every scrape collects afresh: a scraper every few seconds is cheap, and a cached answer would hide
                // a change that just happened.
                prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                prometheus.ScopeInfoEnabled = false;
                prometheus.TargetInfoEnabled = false;
            })
            .Build();
}
