using System.CommandLine;
using System.Net.Sockets;
using SecretBroker.Configuration;

namespace SecretBroker.Sidecar.Cli;

/// <summary>
/// The HTTP client <c>get</c> and <c>probe</c> use: the socket from <c>--socket</c>, else <c>SECRETBROKER_SOCKET</c>,
/// else the default path; every connection verified by <see cref="SidecarSocket"/> against <c>--socket-uid</c>, else
/// <c>SECRETBROKER_SOCKET_UID</c>, else the socket file's owner.
/// </summary>
internal sealed class SidecarSocketClient : IDisposable
{
    public const string SocketEnvironmentVariable = "SECRETBROKER_SOCKET";
    public const string DefaultSocketPath = SecretBrokerSidecarConfigurationSource.DefaultSocketPath;

    private readonly SocketsHttpHandler _handler;

    private SidecarSocketClient(string socketPath, uint? socketUid, TimeSpan timeout)
    {
        SocketPath = socketPath;
        _handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
                new NetworkStream(await SidecarSocket.ConnectAsync(socketPath, socketUid, cancellationToken).ConfigureAwait(false), ownsSocket: true),
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        Http = new HttpClient(_handler) { BaseAddress = new Uri("http://localhost/"), Timeout = timeout };
    }

    public string SocketPath { get; }

    public HttpClient Http { get; }

    public static Option<string?> CreateSocketOption() => new("--socket") { Description = CliMessages.SocketOptionDescription, HelpName = "PATH" };

    public static Option<string?> CreateSocketUidOption() => new("--socket-uid") { Description = CliMessages.SocketUidOptionDescription, HelpName = "UID" };

    /// <summary>A client for the resolved socket; <see langword="null"/> (after printing why) when the uid given is not one.</summary>
    public static SidecarSocketClient? Create(string command, string? socketOption, string? uidOption, CliContext context, TimeSpan timeout)
    {
        string socketPath = !string.IsNullOrWhiteSpace(socketOption) ? socketOption
            : context.GetEnvironmentVariable(SocketEnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : DefaultSocketPath;
        string? uidText = !string.IsNullOrWhiteSpace(uidOption) ? uidOption : context.GetEnvironmentVariable(SidecarSocket.UidVariable);
        uint? uid = null;
        if (!string.IsNullOrWhiteSpace(uidText))
        {
            if (!SidecarSocket.TryParseUid(uidText.Trim(), out uint parsed))
            {
                context.Error.WriteLine(CliMessages.InvalidSocketUid(command, uidText));
                return null;
            }

            uid = parsed;
        }

        return new SidecarSocketClient(socketPath, uid, timeout);
    }

    /// <summary>Why a request failed, in our words (.NET's own texts are resource keys in the AOT binary).</summary>
    public static string Describe(HttpRequestException e) => FindSocketFailure(e) is { } socket
        ? socket.Message
        : e.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => CliMessages.ConnectionFailed,
            HttpRequestError.ResponseEnded => CliMessages.ConnectionClosedEarly,
            HttpRequestError.InvalidResponse => CliMessages.InvalidResponse,
            _ => CliMessages.RequestFailed,
        };

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    private static SidecarSocketException? FindSocketFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SidecarSocketException socket)
            {
                return socket;
            }
        }

        return null;
    }
}
