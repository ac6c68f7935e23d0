using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace SecretBroker.Benchmarks.SocketLoad;

/// <summary>
/// Closed-loop HTTP/1.1 load over a Unix socket: N keep-alive connections, each a dedicated thread that sends one
/// pre-built GET, reads the response (status line, <c>Content-Length</c>, body) and sends the next. Latency is the
/// Stopwatch time from send to the last body byte, recorded into a preallocated array per connection; requests that
/// start during the warm-up are not recorded. Prints one JSON line:
/// {connections, requests, seconds, rps, p50_us, p99_us, errors, body_bytes}.
/// </summary>
internal static class Program
{
    private const int Warmup = 0, Measure = 1, Stop = 2;
    private static volatile int s_phase = Warmup;

    private static int Main(string[] args)
    {
        string? socketPath = null;
        var path = "/v1/secrets/hf-token";
        int connections = 1, maxSamples = 8_000_000;
        double warmup = 1, duration = 5;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--socket": socketPath = args[i + 1]; break;
                case "--path": path = args[i + 1]; break;
                case "--connections": connections = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--duration": duration = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--max-samples": maxSamples = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: return Usage($"unknown option {args[i]}");
            }
        }

        if (socketPath is null || connections < 1 || duration <= 0 || warmup < 0)
        {
            return Usage("--socket is required; --connections ≥ 1; --duration > 0; --warmup ≥ 0");
        }

        var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var workers = new Worker[connections];
        for (var c = 0; c < connections; c++)
        {
            workers[c] = new Worker(socketPath, request, Math.Max(1024, maxSamples / connections));
        }

        // Connect every socket before any load, so the measured phase never includes connection setup.
        foreach (var w in workers)
        {
            w.Connect();
        }

        var threads = workers.Select(w => new Thread(w.Run) { IsBackground = true }).ToArray();
        foreach (var t in threads)
        {
            t.Start();
        }

        Thread.Sleep(TimeSpan.FromSeconds(warmup));
        var start = Stopwatch.GetTimestamp();
        s_phase = Measure;
        Thread.Sleep(TimeSpan.FromSeconds(duration));
        s_phase = Stop;
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        foreach (var t in threads)
        {
            t.Join();
        }

        var total = workers.Sum(w => w.Count);
        var all = new long[total];
        var at = 0;
        foreach (var w in workers)
        {
            Array.Copy(w.Samples, 0, all, at, w.Count);
            at += w.Count;
        }

        Array.Sort(all);
        var errors = workers.Sum(w => w.Errors);
        var overflow = workers.Sum(w => w.Overflow);
        var bodyBytes = workers.Max(w => w.BodyBytes);
        var json = string.Create(CultureInfo.InvariantCulture,
            $"{{\"connections\":{connections},\"requests\":{total + overflow},\"seconds\":{seconds:F3},\"rps\":{(total + overflow) / seconds:F0}," +
            $"\"p50_us\":{Micros(Percentile(all, 0.50)):F1},\"p99_us\":{Micros(Percentile(all, 0.99)):F1}," +
            $"\"max_us\":{Micros(all.Length > 0 ? all[^1] : 0):F1},\"unrecorded\":{overflow},\"errors\":{errors},\"body_bytes\":{bodyBytes}}}");
        Console.Out.WriteLine(json);
        foreach (var w in workers)
        {
            w.Dispose();
        }

        return errors == 0 && total > 0 ? 0 : 1;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"socketload: {message}");
        Console.Error.WriteLine("usage: socketload --socket PATH [--path /v1/secrets/hf-token] [--connections 1] [--warmup 1] [--duration 5]");
        return 2;
    }

    // Nearest-rank percentile of a sorted array.
    private static long Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    private sealed class Worker(string socketPath, byte[] request, int capacity) : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        private readonly byte[] _buffer = new byte[64 * 1024];

        public long[] Samples { get; } = new long[capacity];

        public int Count { get; private set; }

        public int Overflow { get; private set; }

        public int Errors { get; private set; }

        public int BodyBytes { get; private set; }

        public void Connect() => _socket.Connect(new UnixDomainSocketEndPoint(socketPath));

        public void Run()
        {
            try
            {
                while (true)
                {
                    var phase = s_phase;
                    if (phase == Stop)
                    {
                        return;
                    }

                    var t0 = Stopwatch.GetTimestamp();
                    _socket.Send(request);
                    if (!ReadResponse())
                    {
                        Errors++;
                        return;
                    }

                    if (phase == Measure)
                    {
                        var elapsed = Stopwatch.GetTimestamp() - t0;
                        if (Count < Samples.Length)
                        {
                            Samples[Count++] = elapsed;
                        }
                        else
                        {
                            Overflow++;
                        }
                    }
                }
            }
            catch (SocketException e)
            {
                Console.Error.WriteLine($"socketload: {e.Message}");
                Errors++;
            }
        }

        // Reads one response: headers up to CRLFCRLF, a 200 status, then Content-Length body bytes.
        private bool ReadResponse()
        {
            var filled = 0;
            var headerEnd = -1;
            while (headerEnd < 0)
            {
                var n = _socket.Receive(_buffer, filled, _buffer.Length - filled, SocketFlags.None);
                if (n == 0)
                {
                    Console.Error.WriteLine("socketload: server closed the connection");
                    return false;
                }

                filled += n;
                headerEnd = _buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
                if (headerEnd < 0 && filled == _buffer.Length)
                {
                    return false;
                }
            }

            var head = _buffer.AsSpan(0, headerEnd);
            if (!head.StartsWith("HTTP/1.1 200 "u8))
            {
                Console.Error.WriteLine($"socketload: unexpected response: {Encoding.ASCII.GetString(head)}");
                return false;
            }

            var length = ContentLength(head);
            if (length < 0)
            {
                Console.Error.WriteLine("socketload: no Content-Length in the response");
                return false;
            }

            var needed = headerEnd + 4 + length;
            if (needed > _buffer.Length)
            {
                return false;
            }

            while (filled < needed)
            {
                var n = _socket.Receive(_buffer, filled, needed - filled, SocketFlags.None);
                if (n == 0)
                {
                    return false;
                }

                filled += n;
            }

            BodyBytes = length;
            return filled == needed; // one request in flight: anything extra would be a framing error
        }

        private static int ContentLength(ReadOnlySpan<byte> head)
        {
            var name = "\r\ncontent-length:"u8;
            for (var i = 0; i + name.Length <= head.Length; i++)
            {
                if (head[i] != '\r' || !Ascii.EqualsIgnoreCase(head.Slice(i, name.Length), name))
                {
                    continue;
                }

                var value = head[(i + name.Length)..];
                var eol = value.IndexOf("\r\n"u8);
                value = (eol < 0 ? value : value[..eol]).Trim((byte)' ');
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result) ? result : -1;
            }

            return -1;
        }

        public void Dispose() => _socket.Dispose();
    }
}
