using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Backends;
using SecretBroker.FileBackend;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Hosting;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

/// <summary>
/// The request handler over a real engine and <c>file</c> backend, on a fake clock, called with in-memory HTTP
/// contexts carrying the peer feature the connection middleware would have set.
/// </summary>
internal sealed class SocketApiFixture : IAsyncDisposable
{
    public const uint OwnUid = 1500;

    private readonly TempDirectory _source = new(onTmpfs: true);
    private readonly CancellationTokenSource _stopping = new();

    /// <param name="backend">Serves the secrets instead of the <c>file</c> backend over the fixture's directory.</param>
    /// <param name="clock">The clock of everything; a fresh <see cref="FakeTimeProvider"/> when absent.</param>
    public SocketApiFixture(
        IReadOnlyDictionary<string, PeerAllowList>? secretAccess = null,
        int maxConnections = 64,
        int maxWatchers = SocketConnectionBudget.DefaultMaxWatchers,
        ISecretBackend? backend = null,
        FakeTimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider();
        Budget = new SocketConnectionBudget(maxConnections, maxWatchers);
        Metrics = new SocketMetrics(meterFactory: null, Budget);
        SetSource("hf-token", "hf_value_one");
        File.WriteAllBytes(Path.Combine(_source.Path, "blob"), [0xff, 0x00, 0xfe]);
        SecretDefinition[] secrets =
        [
            new("hf-token", "local", "hf-token", TimeSpan.FromMinutes(5)),
            new("blob", "local", "blob", TimeSpan.FromMinutes(5)),
            new("absent", "local", "absent", TimeSpan.FromMinutes(5)) { Required = false },
        ];
        Engine = new SecretRefreshEngine(
            secrets,
            new Dictionary<string, ISecretBackend> { ["local"] = backend ?? new FileSecretBackend(new FileSecretBackendOptions { Path = _source.Path }) },
            options: null,
            Clock);
        Audit = new SecretReadAudit(Clock, Logs.CreateLogger("audit"));
        Denials = new AccessDeniedAudit(Clock, Logs.CreateLogger("audit"));
        Handler = new SocketRequestHandler(
            Engine,
            new SidecarReadiness(Engine),
            new SocketAccessPolicy(PeerAllowList.Empty, secretAccess ?? new Dictionary<string, PeerAllowList>(), OwnUid),
            Audit,
            Clock,
            Logs.CreateLogger("socket"),
            Metrics,
            Budget,
            Denials,
            _stopping.Token);
    }

    public static PeerCredentials Owner { get; } = new(100, OwnUid, 1500);

    public FakeTimeProvider Clock { get; }

    public SocketMetrics Metrics { get; }

    public CollectingLoggerProvider Logs { get; } = new();

    public SecretRefreshEngine Engine { get; }

    public SecretReadAudit Audit { get; }

    public AccessDeniedAudit Denials { get; }

    /// <summary>The connection budget; tests open "connections" in it to put a request over capacity.</summary>
    public SocketConnectionBudget Budget { get; }

    public SocketRequestHandler Handler { get; }

    public void SetSource(string id, string value) => File.WriteAllText(Path.Combine(_source.Path, id), value);

    public void DeleteSource(string id) => File.Delete(Path.Combine(_source.Path, id));

    public Task LoadAsync() => Engine.LoadAsync(CancellationToken.None);

    public void Stop() => _stopping.Cancel();

    public static DefaultHttpContext Request(string pathAndQuery, PeerCredentials? peer = null, string method = "GET")
    {
        DefaultHttpContext context = new();
        int query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        context.Request.Method = method;
        context.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        context.Response.Body = new MemoryStream();
        context.Features.Set(new SocketPeerFeature(peer ?? Owner));
        return context;
    }

    public async Task<DefaultHttpContext> SendAsync(string pathAndQuery, PeerCredentials? peer = null, string method = "GET", Action<HttpRequest>? configure = null)
    {
        DefaultHttpContext context = Request(pathAndQuery, peer, method);
        configure?.Invoke(context.Request);
        await Handler.HandleAsync(context);
        return context;
    }

    public static string Body(HttpContext context)
    {
        context.Response.BodyWriter.FlushAsync().AsTask().GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        Audit.Dispose();
        Denials.Dispose();
        Metrics.Dispose();
        await Engine.DisposeAsync();
        _stopping.Dispose();
        Logs.Dispose();
        _source.Dispose();
    }
}
