using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecretBroker.Injector.Admission;
using SecretBroker.Injector.Diagnostics;
using SecretBroker.Injector.Mutation;

namespace SecretBroker.Injector.Hosting;

/// <summary>
/// The webhook's composition root: Kestrel over HTTPS (the certificate from <see cref="CertificateReloader"/>),
/// <c>POST /mutate</c> and <c>GET /healthz</c>. A function tests call with port 0.
/// </summary>
internal static class InjectorHost
{
    public static WebApplication Build(InjectorHostOptions options)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        ConfigureLogging(builder.Logging, options);
        builder.Services.AddSingleton(options.TimeProvider);
        builder.Services.AddSingleton(new PodMutator(options.Settings));
        builder.Services.AddSingleton<AdmissionHandler>();
        builder.Services.AddSingleton(sp => new CertificateReloader(
            options.CertificateFile, options.KeyFile, options.TimeProvider, sp.GetRequiredService<ILogger<CertificateReloader>>(), options.CertificateCheckInterval));
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = AdmissionHandler.MaxBodyBytes;
            CertificateReloader certificates = kestrel.ApplicationServices.GetRequiredService<CertificateReloader>();
            kestrel.Listen(options.Listen, listen => listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificates.Current));
        });

        WebApplication app = builder.Build();
        app.MapGet("/healthz", static (HttpContext context) => context.Response.WriteAsync("ok\n"));
        app.MapPost("/mutate", static (HttpContext context) => MutateAsync(context));
        app.Lifetime.ApplicationStarted.Register(() => LogAddresses(app));
        return app;
    }

    /// <summary>The port Kestrel bound (port 0 in tests).</summary>
    public static int BoundPort(WebApplication app)
    {
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address).Port;
    }

    private static async Task MutateAsync(HttpContext context)
    {
        AdmissionAnswer answer;
        if (context.Request.ContentLength > AdmissionHandler.MaxBodyBytes)
        {
            answer = TooLarge();
        }
        else
        {
            using MemoryStream body = new();
            try
            {
                await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
                answer = context.RequestServices.GetRequiredService<AdmissionHandler>().Handle(body.GetBuffer().AsSpan(0, (int)body.Length));
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // A chunked body with no Content-Length, stopped by Kestrel at MaxRequestBodySize.
                answer = TooLarge();
            }
        }

        context.Response.StatusCode = answer.StatusCode;
        context.Response.ContentType = answer.ContentType;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static AdmissionAnswer TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "the request body is over 3 MiB (the API server's own limit)\n"u8.ToArray(), "text/plain; charset=utf-8");

    private static void LogAddresses(WebApplication app)
    {
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SecretBroker.Injector");
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        foreach (string address in app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses)
        {
            int port = new Uri(address).Port;
            Log.Listening(logger, address, port);
        }
    }

    private static void ConfigureLogging(ILoggingBuilder logging, InjectorHostOptions options)
    {
        logging.ClearProviders();
        logging.AddFilter("Microsoft", LogLevel.Warning);
        if (options.JsonConsoleLogging)
        {
            // One JSON object per line on stdout, like the sidecar.
            logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                json.JsonWriterOptions = new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }

        options.ConfigureLogging?.Invoke(logging);
    }
}
