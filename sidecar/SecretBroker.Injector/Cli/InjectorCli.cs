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
/// [--token-audience AUD] [--azure-authority-host URL] [--vault-annotations [--vault-address URL]]</c> and <c>secretbroker-injector version</c>. Exit 0 on a clean stop, 1 on a fatal error,
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

        Option<bool> vaultAnnotations = new("--vault-annotations")
        {
            Description = "inject the sidecar into pods asking the Vault Agent injector for an agent (vault.hashicorp.com/ or openbao.org/ agent-inject), configured from their annotations",
        };
        Option<string?> vaultAddress = new("--vault-address")
        {
            Description = "the cluster's Vault, for pods without a vault.hashicorp.com/service annotation (with --vault-annotations)",
            HelpName = "URL",
        };

        Command serve = new("serve", "Serve the mutating admission webhook") { Options = { cert, key, image, listen, backends, audience, authority, vaultAnnotations, vaultAddress } };
        serve.SetAction(async (parsed, cancellationToken) =>
        {
            InjectorHostOptions? options = ReadOptions(
                parsed.GetValue(cert)!, parsed.GetValue(key)!, parsed.GetValue(image)!, parsed.GetValue(listen)!, parsed.GetValue(backends), parsed.GetValue(audience)!, parsed.GetValue(authority)!, error);
            bool honor = parsed.GetValue(vaultAnnotations);
            if (options is null || !ReadVault(honor, parsed.GetValue(vaultAddress), error, out string? address))
            {
                return 2;
            }

            options.Settings = options.Settings with { HonorVaultAnnotations = honor, VaultAddress = address };
            return await ServeAsync(options, error, cancellationToken).ConfigureAwait(false);
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

    private static bool ReadVault(bool honor, string? address, TextWriter error, out string? vaultAddress)
    {
        vaultAddress = address?.TrimEnd('/');
        if (address is not null && !honor)
        {
            error.WriteLine("--vault-address: only used with --vault-annotations (add it, or drop --vault-address)");
            return false;
        }

        // The Vault backend's own rule (https, or plain http to loopback only): refused here, not in every injected pod.
        if (address is not null
            && (!Uri.TryCreate(address, UriKind.Absolute, out Uri? uri) || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0
                || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))))
        {
            error.WriteLine($"--vault-address: '{address}' is not an https URL (plain http to loopback only; e.g. https://vault.vault.svc:8200)");
            return false;
        }

        return true;
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
