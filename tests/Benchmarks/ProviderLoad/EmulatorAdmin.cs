using System.Text;
using System.Text.Json.Nodes;

namespace SecretBroker.Benchmarks.ProviderLoad;

/// <summary>The local cloud's admin API: its request counters (what the backend was asked) and secret writes (rotations).</summary>
internal sealed class EmulatorAdmin(Uri adminUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = adminUrl };

    /// <summary>Requests so far per <c>service.Operation</c>, all outcomes summed.</summary>
    public async Task<Dictionary<string, long>> CallsAsync()
    {
        JsonObject operations = JsonNode.Parse(await _http.GetStringAsync(new Uri("v1/counters", UriKind.Relative)))!["operations"]!.AsObject();
        return operations.ToDictionary(o => o.Key, o => o.Value!.AsObject().Sum(outcome => outcome.Value!.GetValue<long>()), StringComparer.Ordinal);
    }

    /// <summary>Stores <c>{"token": value}</c> as a new AWSCURRENT of <paramref name="name"/>.</summary>
    public async Task PutTokenAsync(string name, string value)
    {
        string body = new JsonObject { ["secretString"] = new JsonObject { ["token"] = value }.ToJsonString() }.ToJsonString();
        using StringContent content = new(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _http.PutAsync(new Uri($"v1/secrets/{name}", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }

    public static Dictionary<string, long> Delta(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Select(a => (a.Key, Count: a.Value - before.GetValueOrDefault(a.Key)))
            .Where(d => d.Count != 0)
            .ToDictionary(d => d.Key, d => d.Count, StringComparer.Ordinal);

    public void Dispose() => _http.Dispose();
}
