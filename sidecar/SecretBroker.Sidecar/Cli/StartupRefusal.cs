using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Cli;

/// <summary>
/// How <c>run</c> (and <c>run --once</c>) gives up before serving: the problem logged as a fatal error (for the pod's
/// log collector) and one line on stderr (for <c>kubectl logs</c> and the terminal), then the exit code.
/// </summary>
internal static class StartupRefusal
{
    public static async Task<int> ReportAsync(ILogger logger, CliContext context, string problem, string line, int exitCode, Exception? exception = null)
    {
        Log.FatalError(logger, problem, exception);
        await context.Error.WriteLineAsync(line).ConfigureAwait(false);
        return exitCode;
    }
}
