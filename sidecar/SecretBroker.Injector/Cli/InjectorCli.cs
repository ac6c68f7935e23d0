using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using SecretBroker.Injector.Diagnostics;
using SecretBroker.Injector.Hosting;
using SecretBroker.Injector.Mutation;

namespace SecretBroker.Injector.Cli;

/// <summary>
/// <c>secretbroker-injector serve --cert FILE --key FILE --sidecar-image IMAGE [--listen ADDR:PORT] [--backends FILE]
/// [--token-audience AUD] [--azure-authority-host URL]</c> and <c>secretbroker-injector version</c>. Exit 0 on a clean stop, 1 on a fatal error,
/// 2 on bad usage or an unreadable certificate or backends file.
/// </summary>
internal static class InjectorCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        Option<string> cert = new("--cert") { Description = "PEM certificate file (reloaded when it changes)", Required = true, HelpName = "FILE" };
        Option<string> key = new("--key") { Description = "PEM private key file (reloaded when it changes)", Required = true, HelpName = "FILE" };
        Option<string> image = new("--sidecar-image") { Description = "the secretbroker image injected into pods", Required = true, HelpName = "IMAGE" };
        Option<string> listen = new("--listen") { Description = "address and port of the HTTPS listener", DefaultValueFactory = static _ => "0.0.0.0:8443", HelpName = "ADDR:PORT" };
        Option<string?> backends = new("--backends") { Description = "YAML file with the 'backends:' that secret-<name> annotations may reference", HelpName = "FILE" };
        Option<string> audience = new("--token-audience") { Description = "audience of the projected token given to the sidecar", DefaultValueFactory = static _ => InjectorSettings.DefaultTokenAudience, HelpName = "AUD" };

        Option<string> authority = new("--azure-authority-host")
        {
            Description = "Entra authority for the sidecar of a pod labelled azure.workload.identity/use when the Azure webhook has not set AZURE_AUTHORITY_HOST",
            DefaultValueFactory = static _ => InjectorSettings.DefaultAzureAuthorityHost,
            HelpName = "URL",
        };

        Command serve = new("serve", "Serve the mutating admission webhook") { Options = { cert, key, image, listen, backends, audience, authority } };
        serve.SetAction(async (parsed, cancellationToken) =>
        {
            InjectorHostOptions? options = ReadOptions(
                parsed.GetValue(cert)!, parsed.GetValue(key)!, parsed.GetValue(image)!, parsed.GetValue(listen)!, parsed.GetValue(backends), parsed.GetValue(audience)!, parsed.GetValue(authority)!, error);
            return options is null ? 2 : await ServeAsync(options, error, cancellationToken).ConfigureAwait(false);
        });
        Command version = new("version", "Print the version");
        version.SetAction(_ =>
        {
            output.WriteLine($"secretbroker-injector {typeof(InjectorCli).Assembly.GetName().Version}");
            return 0;
        });

        RootCommand root = new("secretbroker-injector: injects the secretbroker sidecar into annotated pods") { Subcommands = { serve, version } };
        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (ParseError parseError in result.Errors)
            {
                await error.WriteLineAsync(parseError.Message).ConfigureAwait(false);
            }

            return 2;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null }).ConfigureAwait(false);
    }

    private static InjectorHostOptions? ReadOptions(string cert, string key, string image, string listen, string? backendsFile, string audience, string authority, TextWriter error)
    {
        // Azure.Identity refuses a non-https authority: say so here, not in every injected pod's log.
        if (!Uri.TryCreate(authority, UriKind.Absolute, out Uri? authorityUri) || authorityUri.Scheme != Uri.UriSchemeHttps
            || authorityUri.Query.Length > 0 || authorityUri.Fragment.Length > 0 || authorityUri.UserInfo.Length > 0)
        {
            error.WriteLine($"--azure-authority-host: '{authority}' is not an https URL (e.g. {InjectorSettings.DefaultAzureAuthorityHost})");
            return null;
        }

        if (!IPEndPoint.TryParse(listen, out IPEndPoint? endpoint))
        {
            error.WriteLine($"--listen: '{listen}' is not ADDR:PORT");
            return null;
        }

        BackendCatalog catalog = BackendCatalog.Empty;
        if (backendsFile is not null)
        {
            try
            {
                catalog = BackendCatalog.Parse(File.ReadAllText(backendsFile), backendsFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                error.WriteLine(e is FormatException ? $"--backends: {e.Message}" : $"--backends: {backendsFile}: {ProblemText.Describe(e)}");
                return null;
            }
        }

        return new InjectorHostOptions
        {
            Settings = new InjectorSettings(image, audience, catalog, authority),
            CertificateFile = cert,
            KeyFile = key,
            Listen = endpoint,
        };
    }

    private static async Task<int> ServeAsync(InjectorHostOptions options, TextWriter error, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = InjectorHost.Build(options);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            await error.WriteLineAsync($"cannot load the certificate ({options.CertificateFile}, {options.KeyFile}): {ProblemText.Describe(e)}").ConfigureAwait(false);
            return 2;
        }

        await using (app.ConfigureAwait(false))
        {
            await app.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }
}
