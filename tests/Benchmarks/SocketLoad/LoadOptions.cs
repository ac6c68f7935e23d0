using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecretBroker.Benchmarks.SocketLoad;

/// <summary>The command line: where to connect, what to send, what to expect back, and for how long.</summary>
internal sealed class LoadOptions
{
    public required EndPoint EndPoint { get; init; }

    /// <summary>Unix for <c>--socket</c>, InterNetwork(V6) for <c>--tcp</c>.</summary>
    public required AddressFamily Family { get; init; }

    /// <summary>The whole request, built once: every request on every connection is these bytes.</summary>
    public required byte[] Request { get; init; }

    /// <summary>With <c>--expect-body</c>: every 200 answer's body must be exactly these bytes.</summary>
    public byte[]? ExpectedBody { get; init; }

    public int Connections { get; init; } = 1;

    /// <summary>With <c>--rate</c>: requests per second over all connections, on a schedule (open loop); 0 = closed loop.</summary>
    public double Rate { get; init; }

    public int MaxSamples { get; init; } = 8_000_000;

    public double Warmup { get; init; } = 1;

    public double Duration { get; init; } = 5;

    public static LoadOptions? Parse(string[] args, out string? problem)
    {
        string? socketPath = null, tcp = null, expectBody = null;
        var path = "/v1/secrets/hf-token";
        List<string> headers = [];
        int connections = 1, maxSamples = 8_000_000;
        double warmup = 1, duration = 5, rate = 0;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--socket": socketPath = args[i + 1]; break;
                case "--tcp": tcp = args[i + 1]; break;
                case "--path": path = args[i + 1]; break;
                case "--header": headers.Add(args[i + 1]); break;
                case "--expect-body": expectBody = args[i + 1]; break;
                case "--connections": connections = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--rate": rate = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--duration": duration = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--max-samples": maxSamples = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: problem = $"unknown option {args[i]}"; return null;
            }
        }

        if ((socketPath is null) == (tcp is null) || connections < 1 || duration <= 0 || warmup < 0 || rate < 0)
        {
            problem = "exactly one of --socket and --tcp is required; --connections ≥ 1; --duration > 0; --warmup ≥ 0; --rate ≥ 0";
            return null;
        }

        if (headers.Any(h => h.Contains('\r', StringComparison.Ordinal) || h.Contains('\n', StringComparison.Ordinal) || !h.Contains(':', StringComparison.Ordinal)))
        {
            problem = "a --header is one 'Name: value' line";
            return null;
        }

        EndPoint endPoint;
        AddressFamily family;
        if (tcp is not null)
        {
            if (!IPEndPoint.TryParse(tcp, out IPEndPoint? ip) || ip.Port == 0)
            {
                problem = $"--tcp {tcp}: expected an address and a port, e.g. 127.0.0.1:8787";
                return null;
            }

            (endPoint, family) = (ip, ip.AddressFamily);
        }
        else
        {
            (endPoint, family) = (new UnixDomainSocketEndPoint(socketPath!), AddressFamily.Unix);
        }

        StringBuilder request = new($"GET {path} HTTP/1.1\r\nHost: localhost\r\n");
        foreach (string header in headers)
        {
            request.Append(header).Append("\r\n");
        }

        problem = null;
        return new LoadOptions
        {
            EndPoint = endPoint,
            Family = family,
            Request = Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()),
            ExpectedBody = expectBody is null ? null : File.ReadAllBytes(expectBody),
            Connections = connections,
            Rate = rate,
            MaxSamples = maxSamples,
            Warmup = warmup,
            Duration = duration,
        };
    }
}
