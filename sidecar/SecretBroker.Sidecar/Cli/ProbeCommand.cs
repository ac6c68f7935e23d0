using System.CommandLine;
using System.Net;

namespace SecretBroker.Sidecar.Cli;

/// <summary>
/// <c>secretbroker probe ready|live [--socket PATH] [--socket-uid UID]</c>: for kubelet <c>exec</c> probes, asks a
/// running sidecar's socket <c>/readyz</c> or <c>/healthz</c>. Silent on success, exit 0; exit 1 with one line on
/// stderr when not ready/live, unreachable, or served by an impostor; exit 2 for usage.
/// </summary>
internal static class ProbeCommand
{
    // The kubelet's own probe timeout (timeoutSeconds, default 1 s) usually ends it sooner.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static Command Create(CliContext context)
    {
        Argument<string> kind = new("KIND") { Description = CliMessages.ProbeKindDescription };
        kind.AcceptOnlyFromAmong("ready", "live");
        Option<string?> socket = SidecarSocketClient.CreateSocketOption();
        Option<string?> socketUid = SidecarSocketClient.CreateSocketUidOption();
        Command command = new("probe", CliMessages.ProbeDescription) { Arguments = { kind }, Options = { socket, socketUid } };
        command.SetAction((parsed, cancellationToken) =>
            ExecuteAsync(parsed.GetValue(kind)!, parsed.GetValue(socket), parsed.GetValue(socketUid), context, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(string kind, string? socketOption, string? uidOption, CliContext context, CancellationToken cancellationToken)
    {
        using SidecarSocketClient? client = SidecarSocketClient.Create("probe", socketOption, uidOption, context, Timeout);
        if (client is null)
        {
            return ExitCodes.BadConfigOrUsage;
        }

        string route = kind == "ready" ? "readyz" : "healthz";
        try
        {
            using HttpResponseMessage response = await client.Http.GetAsync(new Uri(route, UriKind.Relative), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return ExitCodes.Success;
            }

            await context.Error.WriteLineAsync(CliMessages.ProbeFailed(kind, client.SocketPath, (int)response.StatusCode)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (HttpRequestException e)
        {
            await context.Error.WriteLineAsync(CliMessages.Unreachable("probe", client.SocketPath, SidecarSocketClient.Describe(e))).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync(CliMessages.Unreachable("probe", client.SocketPath, CliMessages.TimedOut)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
