using System.CommandLine;
using System.Net;
using System.Net.Sockets;

namespace SecretBroker.Sidecar.Cli;

/// <summary>
/// <c>secretbroker get NAME [--socket PATH]</c>: prints one secret's value, byte for byte, from a running sidecar's
/// socket (<c>--socket</c>, else <c>SECRETBROKER_SOCKET</c>, else <see cref="DefaultSocketPath"/>). Exit 0; 1 when
/// the secret is unknown, denied, not loaded yet or the sidecar is unreachable; 2 for usage (an invalid name).
/// </summary>
internal static class GetCommand
{
    public const string SocketEnvironmentVariable = "SECRETBROKER_SOCKET";
    public const string DefaultSocketPath = "/var/run/secretbroker/broker.sock";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Command Create(CliContext context)
    {
        Argument<string> name = new("NAME") { Description = CliMessages.GetNameDescription };
        Option<string?> socket = new("--socket") { Description = CliMessages.GetSocketDescription, HelpName = "PATH" };
        Command command = new("get", CliMessages.GetDescription) { Arguments = { name }, Options = { socket } };
        command.SetAction((parsed, cancellationToken) =>
            ExecuteAsync(parsed.GetValue(name)!, parsed.GetValue(socket), context, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(string name, string? socketOption, CliContext context, CancellationToken cancellationToken)
    {
        if (!SecretName.IsValid(name))
        {
            await context.Error.WriteLineAsync(CliMessages.GetInvalidName(name)).ConfigureAwait(false);
            return ExitCodes.BadConfigOrUsage;
        }

        string socketPath = !string.IsNullOrWhiteSpace(socketOption) ? socketOption
            : context.GetEnvironmentVariable(SocketEnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : DefaultSocketPath;

        using SocketsHttpHandler handler = new()
        {
            ConnectCallback = (_, ct) => ConnectAsync(socketPath, ct),
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        using HttpClient client = new(handler) { BaseAddress = new Uri("http://localhost/"), Timeout = Timeout };
        try
        {
            using HttpResponseMessage response = await client.GetAsync(new Uri("v1/secrets/" + name, UriKind.Relative), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await context.Error.WriteLineAsync(CliMessages.GetFailed(name, socketPath, (int)response.StatusCode)).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            Stream output = context.OpenStandardOutput();
            await response.Content.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (HttpRequestException e)
        {
            await context.Error.WriteLineAsync(CliMessages.GetUnreachable(socketPath, e.Message)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync(CliMessages.GetUnreachable(socketPath, "timed out")).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    private static async ValueTask<Stream> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        System.Net.Sockets.Socket socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
