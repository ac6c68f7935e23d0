using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Http;

/// <summary>
/// <c>/metrics</c> of a real host: OpenTelemetry's Prometheus exporter over the host's <c>SecretBroker</c> meter, with
/// the series names README documents.
/// </summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Every_documented_series_is_exposed_under_its_documented_name()
    {
        await using MetricsHost host = await MetricsHost.StartAsync("hf-token");
        SocketConnectionBudget budget = new(maxConnections: 64);
        using SocketMetrics socket = new(host.MeterFactory, budget);
        socket.RecordRequest(200);
        Assert.True(budget.TryStartWatching());

        string text = await host.ScrapeAsync();

        Assert.Contains("# TYPE secretbroker_secret_age_seconds gauge\n", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^secretbroker_secret_age_seconds\{secret=""hf-token""\} [0-9.eE+-]+$", text);
        Assert.Contains("# TYPE secretbroker_refreshes_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("secretbroker_refreshes_total{backend=\"local\",outcome=\"changed\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE secretbroker_secrets_stale gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("\nsecretbroker_secrets_stale{} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE secretbroker_secrets_expired gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("\nsecretbroker_secrets_expired{} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE secretbroker_socket_requests_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("secretbroker_socket_requests_total{status=\"200\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE secretbroker_socket_watchers gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("\nsecretbroker_socket_watchers{} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backend_request_duration_is_a_histogram_in_seconds_from_5_ms_to_10_s()
    {
        await using MetricsHost host = await MetricsHost.StartAsync("hf-token");

        string text = await host.ScrapeAsync();

        Assert.Contains("# TYPE secretbroker_backend_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
        string[] bounds = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"];
        string[] found = [.. System.Text.RegularExpressions.Regex.Matches(
                text, @"(?m)^secretbroker_backend_request_duration_seconds_bucket\{backend=""local"",operation=""fetch"",le=""([^""]+)""\} [0-9]+$")
            .Select(m => m.Groups[1].Value)];
        Assert.Equal(bounds, found);
        Assert.Contains("secretbroker_backend_request_duration_seconds_count{backend=\"local\",operation=\"fetch\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hosts_in_one_process_each_export_only_their_own_figures()
    {
        await using MetricsHost first = await MetricsHost.StartAsync("first-secret");
        await using MetricsHost second = await MetricsHost.StartAsync("second-secret");
        using SocketMetrics secondSocket = new(second.MeterFactory, new SocketConnectionBudget(maxConnections: 64));
        secondSocket.RecordRequest(404);

        string firstText = await first.ScrapeAsync();
        string secondText = await second.ScrapeAsync();

        Assert.Contains("secret=\"first-secret\"", firstText, StringComparison.Ordinal);
        Assert.DoesNotContain("second-secret", firstText, StringComparison.Ordinal);
        Assert.DoesNotContain("secretbroker_socket_requests_total", firstText, StringComparison.Ordinal);
        Assert.Contains("secret=\"second-secret\"", secondText, StringComparison.Ordinal);
        Assert.DoesNotContain("first-secret", secondText, StringComparison.Ordinal);
        Assert.Contains("secretbroker_refreshes_total{backend=\"local\",outcome=\"changed\"} 1\n", secondText, StringComparison.Ordinal);
        Assert.Contains("secretbroker_socket_requests_total{status=\"404\"} 1\n", secondText, StringComparison.Ordinal);
    }
}
