using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Hosting;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary>
/// Serves the socket API: a bare <see cref="KestrelServer"/> on the Unix socket of <c>outputs.socket</c> (no TCP
/// listener, HTTP/1.1 only), started by the generic host like every other output. Registered only when the socket is
/// configured, so a files-only sidecar never starts Kestrel.
/// </summary>
internal sealed class SocketOutputService : IHostedService, IAsyncDisposable
{
    private readonly SocketOutputSettings _settings;
    private readonly SecretRefreshEngine _engine;
    private readonly SidecarReadiness _readiness;
    private readonly SidecarSettings _sidecar;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SecretReadAudit _audit;
    private readonly string _modeText;
    private readonly CancellationTokenRegistration _stoppingRegistration;
    private readonly SocketConnectionBudget _budget;
    private readonly SocketMetrics _metrics;
    private readonly AccessDeniedAudit _denials;
    private KestrelServer? _server;
    private ExclusiveLockFile? _lock;

    public SocketOutputService(
        SidecarSettings sidecar,
        SecretRefreshEngine engine,
        SidecarReadiness readiness,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        IHostApplicationLifetime lifetime,
        IServiceProvider services,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(sidecar);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _sidecar = sidecar;
        _settings = sidecar.Outputs.Socket ?? throw new ArgumentException("outputs.socket is not configured", nameof(sidecar));
        _engine = engine;
        _readiness = readiness;
        _time = timeProvider;
        _loggerFactory = loggerFactory;
        _services = services;
        _logger = loggerFactory.CreateLogger("SecretBroker.Sidecar.Socket");
        _modeText = Convert.ToString((int)_settings.Mode, 8).PadLeft(4, '0');
        _budget = new SocketConnectionBudget(_settings.MaxConnections);
        _metrics = new SocketMetrics(meterFactory, _budget);
        _audit = new SecretReadAudit(timeProvider, loggerFactory.CreateLogger("SecretBroker.Sidecar.Audit"));
        _denials = new AccessDeniedAudit(timeProvider, loggerFactory.CreateLogger("SecretBroker.Sidecar.Audit"));

        // Hosted services stop in reverse order, so the engine stops before this service: release long polls as
        // soon as the host starts stopping, not when our StopAsync finally runs.
        _stoppingRegistration = lifetime.ApplicationStopping.Register(static state => ((CancellationTokenSource)state!).Cancel(), _stopping);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _lock = SocketFile.PrepareForBind(_settings, _logger);

        SocketConnectionGate gate = new(_budget, new FirstByteDeadline(FirstByteDeadline.Default, _time), _logger);
        SocketAccessPolicy policy = new(_settings.Allowed, _sidecar.SecretAccess, LibC.EffectiveUserId());
        SocketRequestHandler handler = new(_engine, _readiness, policy, _audit, _time, _logger, _metrics, _budget, _denials, _stopping.Token);

        KestrelServerOptions options = new() { AddServerHeader = false, ApplicationServices = _services };
        RequestSizeLimits.Apply(options.Limits);
        options.ListenUnixSocket(_settings.Path, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.Use(gate.Wrap);
        });

        // IOQueueCount 0: socket completions run on the thread pool rather than on Kestrel's own IO threads. A sidecar
        // has a core or two; fewer threads hopping between them cut the socket API's p99 at 16 connections from about
        // 1.2 to 0.85 ms in a paired A/B on 2 cores (docs/benchmarks.md), with throughput unchanged or better.
        SocketTransportFactory transport = new(Options.Create(new SocketTransportOptions { IOQueueCount = 0 }), _loggerFactory);
        _server = new KestrelServer(Options.Create(options), transport, _loggerFactory);

        // See SocketFile: bind creates the socket 0600; group and the configured mode follow.
        uint previous = LibC.SetUmask(SocketFile.BindUmask);
        try
        {
            await _server.StartAsync(new DelegateHttpApplication(handler.HandleAsync), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            // Someone bound the path between our stale check and our bind (not a secretbroker: that one holds the lock).
            throw new SocketPathException(SocketMessages.AddressInUse(_settings.Path), e);
        }
        catch (AddressInUseException e)
        {
            throw new SocketPathException(SocketMessages.AddressInUse(_settings.Path), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            // .NET's own text would print as a resource key in the AOT binary.
            throw new SocketPathException(SocketMessages.CannotBind(_settings.Path), e);
        }
        finally
        {
            LibC.SetUmask(previous);
        }

        SocketFile.ApplyAccess(_settings.Path, _settings.Mode, _settings.Group);
        Log.SocketListening(_logger, _settings.Path, _modeText, _settings.MaxConnections);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Release long polls first (they answer 503), so Kestrel's graceful stop does not wait them out.
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken).ConfigureAwait(false);
            SocketFile.Remove(_settings.Path);
            Log.SocketClosed(_logger, _settings.Path);
        }

        // Only now may another sidecar take the path over.
        _lock?.Dispose();
        _audit.Flush();
        _denials.Flush();
    }

    public async ValueTask DisposeAsync()
    {
        await _stoppingRegistration.DisposeAsync().ConfigureAwait(false);
        _audit.Dispose();
        _denials.Dispose();
        _server?.Dispose();
        _lock?.Dispose();
        _metrics.Dispose();
        _stopping.Dispose();
    }
}
