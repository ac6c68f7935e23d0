using System.Collections.Concurrent;
using System.Net;

using SecretBroker.Azure.Tests.Fakes;
using SecretBroker.Backends;
using SecretBroker.Testing.Backends;

using Xunit.Abstractions;

namespace SecretBroker.Azure.Tests;

/// <summary>
/// The Key Vault backend in get mode (<see cref="AzureListModeConformanceTests"/> runs list mode) against the shared
/// backend conformance suite, over the in-process Entra and Key Vault emulators: real workload identity exchanges,
/// bearer-checked Key Vault reads. A "broken" secret answers its GET with a truncated body that carries the value.
/// </summary>
public class AzureBackendConformanceTests : SecretBackendConformanceTests
{
    private readonly AzureRefreshMode _mode;
    private readonly ConcurrentDictionary<string, bool> _broken = new(StringComparer.OrdinalIgnoreCase);
    private AzureTestCloud? _cloud;
    private RecordingHandler? _handler;

    public AzureBackendConformanceTests(ITestOutputHelper output)
        : this(output, AzureRefreshMode.Get)
    {
    }

    protected AzureBackendConformanceTests(ITestOutputHelper output, AzureRefreshMode mode)
        : base(output)
    {
        _mode = mode;
    }

    private AzureTestCloud Cloud => _cloud ??= AzureTestCloud.StartAsync().GetAwaiter().GetResult();

    private RecordingHandler Handler => _handler ??= CreateHandler();

    // Key Vault requests, without the one challenge round trip (401 with WWW-Authenticate) a new client makes before
    // its first authorized request: a handshake, not a read.
    protected override long? CallsSoFar => Handler.Count(static r => r.Service == "keyvault" && r.Status != 401);

    protected override IReadOnlyList<int>? GroupsPerCall => [.. Handler.Requests.Where(static r => r.IsSecretGet && r.Status != 401).Select(static _ => 1)];

    protected override string? VersionSelector => null;

    protected override ISecretBackend CreateBackend() => Cloud.Backend(Handler, _mode);

    protected override Task PutSecretAsync(string id, string value)
    {
        // A new version in a later second than the last one, as a real clock would give it.
        Cloud.Tick();
        Cloud.Vault.Set(id, value);
        return Task.CompletedTask;
    }

    protected override Task BreakSecretAsync(string id)
    {
        _broken[id] = true;
        return Task.CompletedTask;
    }

    protected override async Task DisposeStoreAsync()
    {
        if (_cloud is not null)
        {
            await _cloud.DisposeAsync();
        }
    }

    private RecordingHandler CreateHandler()
    {
        RecordingHandler handler = Cloud.Handler();
        handler.Rewrite = (request, response) =>
        {
            string path = request.RequestUri!.AbsolutePath;
            string name = path.StartsWith("/secrets/", StringComparison.Ordinal) ? path["/secrets/".Length..].Split('/')[0] : string.Empty;
            if (response.StatusCode != HttpStatusCode.OK || !_broken.ContainsKey(name))
            {
                return response;
            }

            // The connection dropped mid-body: the value is on the wire, the JSON never closes.
            string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            response.Content = new StringContent(body[..^2], System.Text.Encoding.UTF8, "application/json");
            return response;
        };
        return handler;
    }
}
