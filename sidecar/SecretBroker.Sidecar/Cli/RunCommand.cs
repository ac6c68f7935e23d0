using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Hosting;
using SecretBroker.Sidecar.Outputs.Files;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Cli;

/// <summary>
/// <c>secretbroker run --config FILE</c>: runs until SIGTERM/SIGINT (or cancellation); SIGHUP is ignored. Exit 0 on a
/// clean stop, 1 when a service failed, 2 when the config, a backend's identity or an output's directory is unusable
/// (found by the same preflight <c>check</c> runs; then nothing has started). With <c>--once</c> it loads, writes the
/// files and exits instead (<see cref="RunOnce"/>).
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        Option<string?> config = SecretBrokerCli.CreateConfigOption();
        Option<bool> once = new("--once") { Description = CliMessages.OnceDescription };
        Command command = new("run", CliMessages.RunDescription) { Options = { config, once } };
        command.SetAction((parsed, cancellationToken) => ExecuteAsync(parsed, config, parsed.GetValue(once), context, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parsed, Option<string?> configOption, bool once, CliContext context, CancellationToken cancellationToken)
    {
        if (await SettingsArgument.LoadAsync(parsed, configOption, context, "run").ConfigureAwait(false) is not { } settings)
        {
            return ExitCodes.BadConfigOrUsage;
        }

        if (once && !RunOnce.CanRun(settings, context))
        {
            return ExitCodes.BadConfigOrUsage;
        }

        if (!LogLevelText.TryParse(context.GetEnvironmentVariable(SecretBrokerCli.LogLevelEnvironmentVariable), out LogLevel level))
        {
            await context.Error.WriteLineAsync(CliMessages.InvalidLogLevel(context.GetEnvironmentVariable(SecretBrokerCli.LogLevelEnvironmentVariable)!)).ConfigureAwait(false);
            return ExitCodes.BadConfigOrUsage;
        }

        SidecarHostOptions options = (context.HostOptions ?? new SidecarHostOptions()) with { MinimumLevel = level };
        IHost host = SidecarHost.Build(settings, options);
        try
        {
            return once
                ? await RunOnce.ExecuteAsync(host, settings, context, cancellationToken).ConfigureAwait(false)
                : await RunHostAsync(host, settings, context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Async disposal: the engine and the console logger flush and stop their background work here.
            if (host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                host.Dispose();
            }
        }
    }

    private static async Task<int> RunHostAsync(IHost host, SidecarSettings settings, CliContext context, CancellationToken cancellationToken)
    {
        ILogger logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SecretBroker.Sidecar");
        Log.Starting(logger, SidecarVersion.Informational, settings.SourcePath, settings.Secrets.Count);

        // SIGHUP's default action ends the process with no stop and the socket left behind. Reloading would mean
        // re-validating and swapping every output live; a restart does that already, so the signal is ignored, said once per signal.
        using PosixSignalRegistration hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal =>
        {
            signal.Cancel = true;
            Log.HangupIgnored(logger);
        });
        try
        {
            // Backends first, before any service starts: an AWS identity that is missing fails closed here.
            _ = host.Services.GetRequiredService<SecretBackendSet>();
        }
        catch (BackendStartupException refused)
        {
            return await StartupRefusal.ReportAsync(logger, context, refused.Message, CliMessages.BackendRefused("run", refused.Message), ExitCodes.BadConfigOrUsage).ConfigureAwait(false);
        }

        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            Log.Stopped(logger, ExitCodes.Success);
            return ExitCodes.Success;
        }
        catch (Exception e) when (Unwrap(e) is OutputDirectoryException refused)
        {
            // A refused directory is the user's to fix in the config or pod spec, like any bad config: exit 2.
            return await StartupRefusal.ReportAsync(logger, context, refused.Message, CliMessages.OutputDirectoryRefused(refused.Message), ExitCodes.BadConfigOrUsage).ConfigureAwait(false);
        }
        catch (Exception e) when (Unwrap(e) is SocketPathException refused)
        {
            return await StartupRefusal.ReportAsync(logger, context, refused.Message, CliMessages.SocketPathRefused(refused.Message), ExitCodes.BadConfigOrUsage).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            string problem = IoProblemText.Describe(e);
            return await StartupRefusal.ReportAsync(logger, context, problem, CliMessages.Fatal("run", problem), ExitCodes.Failure, e).ConfigureAwait(false);
        }

        // Returns once the host has stopped: SIGTERM/SIGINT (console lifetime), cancellation, or a failed service.
        await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        int exitCode = ExitCodes.Success;
        if (FailedService(host) is { } failure)
        {
            string problem = IoProblemText.Describe(failure);
            Log.FatalError(logger, problem, failure);
            exitCode = ExitCodes.Failure;
        }

        Log.Stopped(logger, exitCode);
        return exitCode;
    }

    /// <summary>The exception of the first background service that failed, if any (the host stops on it; we exit 1).</summary>
    private static Exception? FailedService(IHost host) =>
        host.Services.GetServices<IHostedService>()
            .OfType<BackgroundService>()
            .Select(s => s.ExecuteTask)
            .FirstOrDefault(t => t is { IsFaulted: true })
            ?.Exception?.GetBaseException();

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e;
}
