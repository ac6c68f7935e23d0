using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Web;

namespace SecretBroker.Aws.Tests.Fakes;

/// <summary>
/// A minimal STS <c>AssumeRoleWithWebIdentity</c> answerer on a loopback port (protocols.md §1), recording the web
/// identity token of each exchange. The real SDK STS client talks to it, so the endpoint override is exercised for real.
/// </summary>
internal sealed class LoopbackSts : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<string> _tokens = [];
    private readonly Task _loop;

    public LoopbackSts(TimeSpan lifetime)
    {
        int port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(() => ServeAsync(lifetime));
    }

    public Uri Url { get; }

    public IReadOnlyList<string> Tokens
    {
        get
        {
            lock (_tokens)
            {
                return [.. _tokens];
            }
        }
    }

    public static string AccessKeyFor(int exchange) => $"ASIAEXCHANGE{exchange:00000000}";

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync(TimeSpan lifetime)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var form = HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
            int exchange;
            lock (_tokens)
            {
                _tokens.Add(form["WebIdentityToken"] ?? string.Empty);
                exchange = _tokens.Count;
            }

            string expiration = DateTime.UtcNow.Add(lifetime).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            byte[] body = Encoding.UTF8.GetBytes($"""
                <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleWithWebIdentityResult>
                    <SubjectFromWebIdentityToken>system:serviceaccount:apps:broker</SubjectFromWebIdentityToken>
                    <AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/broker/s</Arn><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>{AccessKeyFor(exchange)}</AccessKeyId>
                      <SecretAccessKey>{FakeSecretsManager.SecretKey}</SecretAccessKey>
                      <SessionToken>{FakeSecretsManager.SessionToken}</SessionToken>
                      <Expiration>{expiration}</Expiration>
                    </Credentials>
                  </AssumeRoleWithWebIdentityResult>
                  <ResponseMetadata><RequestId>4c7e0c1e-0000-4000-8000-00000000000{exchange % 10}</RequestId></ResponseMetadata>
                </AssumeRoleWithWebIdentityResponse>
                """);
            context.Response.ContentType = "text/xml";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
