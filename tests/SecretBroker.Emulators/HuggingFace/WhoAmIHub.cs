using System.Net;

namespace SecretBroker.Emulators.HuggingFace;

/// <summary>A loopback fake of the Hub serving only <see cref="WhoAmIEndpoint"/>, on its own port (0: the OS chooses).</summary>
public sealed class WhoAmIHub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WhoAmIHub(WebApplication app, WhoAmIEndpoint endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public WhoAmIEndpoint Endpoint { get; }

    /// <summary>The Hub's base URL (<c>http://127.0.0.1:PORT/</c>): what <c>huggingface.endpoint</c> names.</summary>
    public Uri Url => new(_app.Urls.Single());

    public static async Task<WhoAmIHub> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var endpoint = new WhoAmIEndpoint();
        app.Run(endpoint.HandleAsync);
        await app.StartAsync(cancellationToken);
        return new WhoAmIHub(app, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
