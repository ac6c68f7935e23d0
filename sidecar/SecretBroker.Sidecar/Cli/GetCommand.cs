using System.CommandLine;
using System.Net;

namespace SecretBroker.Sidecar.Cli;

/// <summary>
/// <c>secretbroker get NAME [--socket PATH] [--socket-uid UID]</c>: prints one secret's value, byte for byte, from a
/// running sidecar's socket (see <see cref="SidecarSocketClient"/> for how the socket and its uid are found). Exit 0;
/// 1 when the secret is unknown, denied, not loaded yet, the sidecar is unreachable or an impostor serves the socket;
/// 2 for usage (an invalid name or uid).
/// </summary>
internal static class GetCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Command Create(CliContext context)
    {
        Argument<string> name = new("NAME") { Description = CliMessages.GetNameDescription };
        Option<string?> socket = SidecarSocketClient.CreateSocketOption();
        Option<string?> socketUid = SidecarSocketClient.CreateSocketUidOption();
        Command command = new("get", CliMessages.GetDescription) { Arguments = { name }, Options = { socket, socketUid } };
        command.SetAction((parsed, cancellationToken) =>
            ExecuteAsync(parsed.GetValue(name)!, parsed.GetValue(socket), parsed.GetValue(socketUid), context, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(string name, string? socketOption, string? uidOption, CliContext context, CancellationToken cancellationToken)
    {
        if (!SecretName.IsValid(name))
        {
            await context.Error.WriteLineAsync(CliMessages.GetInvalidName(name)).ConfigureAwait(false);
            return ExitCodes.BadConfigOrUsage;
        }

        using SidecarSocketClient? client = SidecarSocketClient.Create("get", socketOption, uidOption, context, Timeout);
        if (client is null)
        {
            return ExitCodes.BadConfigOrUsage;
        }

        try
        {
            using HttpResponseMessage response = await client.Http.GetAsync(new Uri("v1/secrets/" + name, UriKind.Relative), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await context.Error.WriteLineAsync(CliMessages.GetFailed(name, client.SocketPath, (int)response.StatusCode)).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            Stream output = context.OpenStandardOutput();
            await response.Content.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (HttpRequestException e)
        {
            await context.Error.WriteLineAsync(CliMessages.Unreachable("get", client.SocketPath, SidecarSocketClient.Describe(e))).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync(CliMessages.Unreachable("get", client.SocketPath, CliMessages.TimedOut)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
