using System.Diagnostics.Metrics;
using SecretBroker.Sidecar.Outputs.Http;

namespace SecretBroker.Sidecar.Tests.Outputs.Http;

public sealed class PrometheusExporterTests : IDisposable
{
    // A meter name of its own, so instruments of other tests in this process never show up here.
    private readonly Meter _meter = new("SecretBroker.Tests." + Guid.NewGuid().ToString("N"));
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests() => _exporter = new PrometheusExporter(_meter.Name, scope: null);

    [Fact]
    public void A_counter_is_a_total_per_label_set_with_help_and_type()
    {
        Counter<long> refreshes = _meter.CreateCounter<long>("secretbroker.refreshes", "{refresh}", "Secret refreshes.");
        refreshes.Add(2, new("outcome", "changed"), new("backend", "local"));
        refreshes.Add(1, new("backend", "local"), new("outcome", "changed"));
        refreshes.Add(1, new("backend", "local"), new("outcome", "failed"));

        string text = _exporter.Scrape();

        Assert.Contains(
            "# HELP secretbroker_refreshes_total Secret refreshes.\n" +
            "# TYPE secretbroker_refreshes_total counter\n" +
            "secretbroker_refreshes_total{backend=\"local\",outcome=\"changed\"} 3\n" +
            "secretbroker_refreshes_total{backend=\"local\",outcome=\"failed\"} 1\n",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_histogram_has_cumulative_buckets_sum_and_count_in_seconds()
    {
        Histogram<double> duration = _meter.CreateHistogram<double>(
            "secretbroker.backend.request.duration", "s", "Backend calls.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        duration.Record(0.05, new KeyValuePair<string, object?>("backend", "aws"));
        duration.Record(0.5, new KeyValuePair<string, object?>("backend", "aws"));
        duration.Record(3, new KeyValuePair<string, object?>("backend", "aws"));

        string text = _exporter.Scrape();

        Assert.Contains(
            "# TYPE secretbroker_backend_request_duration_seconds histogram\n" +
            "secretbroker_backend_request_duration_seconds_bucket{backend=\"aws\",le=\"0.1\"} 1\n" +
            "secretbroker_backend_request_duration_seconds_bucket{backend=\"aws\",le=\"1\"} 2\n" +
            "secretbroker_backend_request_duration_seconds_bucket{backend=\"aws\",le=\"+Inf\"} 3\n" +
            "secretbroker_backend_request_duration_seconds_sum{backend=\"aws\"} 3.55\n" +
            "secretbroker_backend_request_duration_seconds_count{backend=\"aws\"} 3\n",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_histogram_without_advice_uses_the_prometheus_default_buckets()
    {
        _meter.CreateHistogram<double>("latency", "s").Record(0.2);

        string text = _exporter.Scrape();

        Assert.Contains("latency_seconds_bucket{le=\"0.005\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("latency_seconds_bucket{le=\"0.25\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("latency_seconds_bucket{le=\"10\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_observable_gauge_is_read_at_each_scrape_and_forgets_series_that_are_gone()
    {
        List<Measurement<double>> ages = [new(12.5, new KeyValuePair<string, object?>("secret", "hf-token")), new(3, new KeyValuePair<string, object?>("secret", "db"))];
        _meter.CreateObservableGauge("secretbroker.secret.age", () => ages, "s", "Seconds since the current version appeared.");

        string first = _exporter.Scrape();
        ages.RemoveAt(1);
        ages[0] = new(20, new KeyValuePair<string, object?>("secret", "hf-token"));
        string second = _exporter.Scrape();

        Assert.Contains("# TYPE secretbroker_secret_age_seconds gauge\n", first, StringComparison.Ordinal);
        Assert.Contains("secretbroker_secret_age_seconds{secret=\"db\"} 3\n", first, StringComparison.Ordinal);
        Assert.Contains("secretbroker_secret_age_seconds{secret=\"hf-token\"} 12.5\n", first, StringComparison.Ordinal);
        Assert.Contains("secretbroker_secret_age_seconds{secret=\"hf-token\"} 20\n", second, StringComparison.Ordinal);
        Assert.DoesNotContain("db", second, StringComparison.Ordinal);
    }

    [Fact]
    public void An_up_down_counter_is_a_gauge_that_goes_back_down()
    {
        UpDownCounter<long> watchers = _meter.CreateUpDownCounter<long>("secretbroker.socket.watchers", "{request}");
        Assert.Contains("\nsecretbroker_socket_watchers 0\n", _exporter.Scrape(), StringComparison.Ordinal);
        watchers.Add(1);
        watchers.Add(1);
        watchers.Add(-1);

        Assert.Contains("# TYPE secretbroker_socket_watchers gauge\nsecretbroker_socket_watchers 1\n", _exporter.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Label_values_and_help_are_escaped_and_names_sanitized()
    {
        Counter<long> counter = _meter.CreateCounter<long>("odd-name.with/chars", unit: null, "line one\nback\\slash");
        counter.Add(1, new KeyValuePair<string, object?>("label.name", "quote\" back\\ new\nline"));

        string text = _exporter.Scrape();

        Assert.Contains("# HELP odd_name_with_chars_total line one\\nback\\\\slash\n", text, StringComparison.Ordinal);
        Assert.Contains("odd_name_with_chars_total{label_name=\"quote\\\" back\\\\ new\\nline\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Instruments_of_other_meters_are_not_exported()
    {
        using Meter other = new("SecretBroker.Tests.Other." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("not.mine").Add(1);

        Assert.DoesNotContain("not_mine", _exporter.Scrape(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }
}
