using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Hosting;
using SecretBroker.Sidecar.Outputs.Files;

namespace SecretBroker.Sidecar.Cli;

/// <summary>
/// <c>secretbroker run --once --config FILE</c>, for init containers: loads every secret once, writes the files output
/// as one ordinary generation (the same writer, layout and version key as <c>run</c>, so a sidecar started later adopts
/// it) and exits. Nothing listens: the host <c>run</c> composes is used for its services only and never started, so
/// neither the socket nor the loopback listener binds and no background refresh runs. Exit 0 when every required secret
/// was written (an optional one that failed is left out), 1 when a required secret could not be loaded (then nothing is
/// written) or the write failed, 2 when the config has no files output or the preflight refuses it.
/// </summary>
internal static class RunOnce
{
    /// <summary>Whether <paramref name="settings"/> can be run once; if not, the reason is on stderr and the exit code is 2.</summary>
    public static bool CanRun(SidecarSettings settings, CliContext context)
    {
        if (settings.Outputs.Files is not null)
        {
            return true;
        }

        context.Error.WriteLine(CliMessages.OnceNeedsFiles(settings.SourcePath));
        return false;
    }

    public static async Task<int> ExecuteAsync(IHost host, SidecarSettings settings, CliContext context, CancellationToken cancellationToken)
    {
        ILogger logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SecretBroker.Sidecar");
        Log.Starting(logger, SidecarVersion.Informational, settings.SourcePath, settings.Secrets.Count);

        // Without a started host no console lifetime turns SIGTERM/SIGINT into a stop: they cancel the load here, so an
        // interrupted init container exits 1 with a line saying so instead of dying mid-way on the signal's default.
        using CancellationTokenSource interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string? signalName = null;
        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true;
            signalName ??= signal.Signal.ToString();
            interrupted.Cancel();
        }

        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        int exitCode = await DeliverAsync(host, settings, logger, context, interrupted.Token).ConfigureAwait(false) ?? ExitCodes.Success;
        if (signalName is not null && exitCode == ExitCodes.Failure)
        {
            Log.OnceInterrupted(logger, signalName);
        }

        Log.Stopped(logger, exitCode);
        return exitCode;
    }

    /// <summary>Loads and writes; <see langword="null"/> on success, else the exit code (its reason already on stderr).</summary>
    private static async Task<int?> DeliverAsync(IHost host, SidecarSettings settings, ILogger logger, CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            // Backends first, as run does: an identity that is missing fails closed before the directory is touched.
            _ = host.Services.GetRequiredService<SecretBackendSet>();
            GenerationWriter writer = host.Services.GetRequiredService<GenerationWriter>();
            writer.Initialize();

            SecretRefreshEngine engine = host.Services.GetRequiredService<SecretRefreshEngine>();
            IReadOnlyList<SecretRefreshOutcome> outcomes = await engine.LoadAsync(cancellationToken).ConfigureAwait(false);
            if (await ReportFailuresAsync(settings, outcomes, logger, context).ConfigureAwait(false))
            {
                return ExitCodes.Failure;
            }

            cancellationToken.ThrowIfCancellationRequested();

            // Generation 0 means nothing loaded (every secret optional and failing): writing it would empty the directory.
            SecretGeneration loaded = engine.Current;
            if (loaded.Number > 0)
            {
                writer.Write(loaded);
            }

            Log.OnceDelivered(logger, loaded.Secrets.Count, settings.Secrets.Count, writer.OutputPath);
            return null;
        }
        catch (BackendStartupException refused)
        {
            return await StartupRefusal.ReportAsync(logger, context, refused.Message, CliMessages.BackendRefused("run", refused.Message), ExitCodes.BadConfigOrUsage).ConfigureAwait(false);
        }
        catch (OutputDirectoryException refused)
        {
            return await StartupRefusal.ReportAsync(logger, context, refused.Message, CliMessages.OutputDirectoryRefused(refused.Message), ExitCodes.BadConfigOrUsage).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync(CliMessages.OnceInterrupted).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string problem = IoProblemText.Describe(e);
            return await StartupRefusal.ReportAsync(logger, context, problem, CliMessages.Fatal("run --once", problem), ExitCodes.Failure, e).ConfigureAwait(false);
        }
    }

    /// <summary>Logs every secret that failed; prints the required ones on stderr and returns whether there was one.</summary>
    private static async Task<bool> ReportFailuresAsync(SidecarSettings settings, IReadOnlyList<SecretRefreshOutcome> outcomes, ILogger logger, CliContext context)
    {
        HashSet<string> required = settings.Secrets.Where(s => s.Required).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        bool requiredFailed = false;
        foreach (SecretRefreshOutcome outcome in outcomes.Where(o => !o.Succeeded))
        {
            // The engine's error texts never hold a value (SecretRefreshOutcome.Error).
            string error = outcome.Error ?? "unknown error";
            if (required.Contains(outcome.Name))
            {
                requiredFailed = true;
                Log.OnceRequiredSecretFailed(logger, outcome.Name, outcome.Backend, error);
                await context.Error.WriteLineAsync(CliMessages.OnceRequiredSecretFailed(outcome.Name, outcome.Backend, error)).ConfigureAwait(false);
            }
            else
            {
                Log.OnceOptionalSecretFailed(logger, outcome.Name, outcome.Backend, error);
            }
        }

        return requiredFailed;
    }
}
