using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Hosting;
using SecretBroker.Sidecar.Outputs.Http.Credentials;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Outputs.Http;

/// <summary>
/// The loopback listener of <c>outputs.http</c>: a bare <see cref="KestrelServer"/> on one loopback TCP address
/// (validated as such), HTTP/1.1, with the socket API's request limits and first-byte deadline, at most
/// <see cref="LoopbackConnectionGate.MaxConnections"/> connections. Registered only when configured. The
/// OpenTelemetry meter provider is created with the service (so it counts from the first refresh on) and disposed
/// with it.
/// </summary>
internal sealed class HttpOutputService : IHostedService, IDisposable
{
    private readonly HttpOutputSettings _settings;
    private readonly SidecarReadiness _readiness;
    private readonly ILoggerFactory _loggerFactory;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly MeterProvider _meterProvider;
    private readonly TimeProvider _time;
    private KestrelServer? _server;

    public HttpOutputService(
        SidecarSettings sidecar,
        SidecarReadiness readiness,
        ILoggerFactory loggerFactory,
        IServiceProvider services,
        TimeProvider timeProvider,
        IMeterFactory? meterFactory = null)
    {
        _time = timeProvider;
        ArgumentNullException.ThrowIfNull(sidecar);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _settings = sidecar.Outputs.Http ?? throw new ArgumentException("outputs.http is not configured", nameof(sidecar));
        _readiness = readiness;
        _loggerFactory = loggerFactory;
        _services = services;
        _logger = loggerFactory.CreateLogger("SecretBroker.Sidecar.Http");
        _meterProvider = SidecarMeterProvider.Create(meterFactory);
    }

    /// <summary>The bound address (the OS-assigned port when configured with port 0); <see langword="null"/> before start.</summary>
    public IPEndPoint? BoundEndpoint { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        RequestDelegate pipeline = new HttpRequestHandler(_readiness, _services.GetService<CredentialsEndpoint>()).Build(_services, _meterProvider);
        KestrelServerOptions options = new() { AddServerHeader = false, ApplicationServices = _services };
        RequestSizeLimits.Apply(options.Limits);
        options.Limits.MaxConcurrentConnections = LoopbackConnectionGate.MaxConnections;
        LoopbackConnectionGate gate = new(new FirstByteDeadline(FirstByteDeadline.Default, _time));
        ListenOptions? bound = null;
        options.Listen(_settings.Listen, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.Use(gate.Wrap);
            bound = listen;
        });

        SocketTransportFactory transport = new(Options.Create(new SocketTransportOptions()), _loggerFactory);
        _server = new KestrelServer(Options.Create(options), transport, _loggerFactory);
        await _server.StartAsync(new DelegateHttpApplication(pipeline), cancellationToken).ConfigureAwait(false);

        // Kestrel writes the OS-assigned port back into the listen options when it binds port 0.
        BoundEndpoint = bound?.IPEndPoint ?? _settings.Listen;
        Log.HttpListening(_logger, "http://" + BoundEndpoint, BoundEndpoint.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken).ConfigureAwait(false);
            Log.HttpClosed(_logger);
        }
    }

    public void Dispose()
    {
        _server?.Dispose();
        _meterProvider.Dispose();
    }
}
