using System.Diagnostics.Metrics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Flavors;
using SecretBroker.Sidecar.Outputs.Files;
using SecretBroker.Sidecar.Outputs.Http;
using SecretBroker.Sidecar.Outputs.Http.Credentials;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// The sidecar's composition root: one function from validated settings to a host, callable from the CLI and from
/// tests (with a fake clock and their own logging). Building starts nothing and touches no file.
/// </summary>
internal static class SidecarHost
{
    /// <summary>Composes the sidecar for <paramref name="settings"/>.</summary>
    public static IHost Build(SidecarSettings settings, SidecarHostOptions? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        SidecarHostOptions options = overrides ?? new SidecarHostOptions();

        // The empty builder adds no configuration sources: no appsettings.json, no environment variables, nothing
        // that could pull a secret into IConfiguration. Everything comes from the validated settings.
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "secretbroker",
        });

        ConfigureLogging(builder.Logging, options);
        builder.Services.Configure<HostOptions>(host =>
        {
            host.ShutdownTimeout = options.ShutdownTimeout;
            host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });

        // We log our own Starting/Started/Stopping events; the lifetime's banner lines would only repeat them.
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        AddSidecar(builder.Services, settings, options);
        return builder.Build();
    }

    /// <summary>Registers the sidecar's services (exposed so tests can inspect the registrations).</summary>
    internal static void AddSidecar(IServiceCollection services, SidecarSettings settings, SidecarHostOptions options)
    {
        if (options.TimeProvider is { } timeProvider)
        {
            services.AddSingleton(timeProvider);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings);

        // Built (and so disposed) before the engine that uses them: the container disposes in reverse order.
        // The version key is read (or created) at the first fetch, once the files directory has been prepared.
        // A vault backend keeps its login rate limit beside the version key, so restarts share it.
        services.AddSingleton(sp => SecretBackendSet.Create(
            settings,
            VersionKeyFile.ForRun(settings.Outputs.Files, sp.GetRequiredService<ILogger<SecretBackendSet>>()),
            VaultLoginState.ForRun(settings.Outputs.Files, sp.GetRequiredService<ILogger<SecretBackendSet>>()),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SecretRefreshEngine(
            settings.Secrets,
            sp.GetRequiredService<SecretBackendSet>().Backends,
            options: null,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<IMeterFactory>()));

        // Files delivery state exists only with a files output; readiness reads it (files lagging = not ready).
        if (settings.Outputs.Files is not null)
        {
            services.AddSingleton<FilesDeliveryState>();
        }

        services.AddSingleton(sp => new SidecarReadiness(sp.GetRequiredService<SecretRefreshEngine>(), sp.GetService<FilesDeliveryState>()));

        // Hosted services start one after another in registration order. The output directory comes first: it is
        // locked and checked before anything binds or is fetched, so a refused start (another sidecar holds the
        // directory) leaves no socket behind. The socket comes next: it binds under a narrowed umask (see SocketFile)
        // while no other service runs, and answers 503 until secrets load.
        if (settings.Outputs.Files is { } files)
        {
            services.AddSingleton(sp => new GenerationWriter(
                files,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<GenerationWriter>>(),
                settings.Secrets.Select(s => s.Name).ToHashSet(StringComparer.Ordinal),
                new SecretFileLayout(settings.FileDeliveries)));
            services.AddHostedService<OutputDirectoryInitializer>();
        }

        // The feature switch comes first in each guard: a flavour's publish compiles out what it lacks (Kestrel,
        // OpenTelemetry, the AWS SDK); its validator has already refused a config that asks for it.
        if (SidecarFeatures.Listeners && settings.Outputs.Socket is not null)
        {
            services.AddHostedService<SocketOutputService>();
        }

        // The credentials route's token file is written before the listener binds (validation requires files and http).
        if (SidecarFeatures.Aws && SidecarFeatures.Listeners && settings.Credentials.Count > 0)
        {
            AddCredentials(services, settings);
        }

        // Health and metrics answer before secrets load (readyz says 503 until then).
        if (SidecarFeatures.Listeners && settings.Outputs.Http is not null)
        {
            services.AddHostedService<HttpOutputService>();
        }

        services.AddHostedService<SecretRefreshService>();
        if (SidecarFeatures.Aws && SidecarFeatures.Listeners && settings.Credentials.Count > 0)
        {
            services.AddHostedService(sp => sp.GetRequiredService<CredentialSetEngine>());
        }

        if (settings.Outputs.Files is not null)
        {
            services.AddHostedService<FilesOutputService>();
        }

        if (options.TrimMemoryAfterStart && StartupMemoryTrim.Applies)
        {
            services.AddHostedService<MemoryTrimService>();
        }
    }

    private static void AddCredentials(IServiceCollection services, SidecarSettings settings)
    {
        services.AddSingleton(_ => CredentialsToken.Create());
        // aws-assume-role sets: their own engine, started with the other background work (after the listener binds).
        services.AddSingleton(sp => new CredentialSetEngine(
            settings,
            sp.GetRequiredService<SecretBackendSet>(),
            Environment.GetEnvironmentVariable,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => new CredentialSetCatalog(settings, sp.GetRequiredService<SecretRefreshEngine>(), sp.GetRequiredService<CredentialSetEngine>()));
        services.AddSingleton(sp => new CredentialsAudit(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("SecretBroker.Sidecar.Credentials")));
        services.AddSingleton(sp => new CredentialsMetrics(
            sp.GetService<IMeterFactory>(),
            sp.GetRequiredService<CredentialSetCatalog>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CredentialsEndpoint>();
        services.AddHostedService<CredentialsTokenService>();
    }

    private static void ConfigureLogging(ILoggingBuilder logging, SidecarHostOptions options)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(options.MinimumLevel);

        // The generic host logs a failed start or a failed service itself, with the exception's stack trace;
        // RunCommand reports both once, in our words (FatalError, 3004), so the host's own lines would only repeat
        // them less readably.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        if (options.JsonConsoleLogging)
        {
            // One JSON object per line on stdout, UTC timestamps: what log collectors on Kubernetes expect.
            logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                json.IncludeScopes = false;
                // Relaxed escaping keeps '+' and quotes readable; these lines go to a log collector, never into HTML.
                json.JsonWriterOptions = new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }

        options.ConfigureLogging?.Invoke(logging);
    }
}
