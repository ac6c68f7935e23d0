using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace SecretBroker.Benchmarks.SocketLoad;

/// <summary>
/// One keep-alive connection on its own thread: send the request, read the whole answer, check it, repeat — at once
/// (closed loop), or with <c>--rate</c> on a fixed schedule (this connection's share of the rate, the connections'
/// schedules staggered evenly).
/// </summary>
internal sealed class Worker(LoadOptions options, int index, int capacity) : IDisposable
{
    public const int Warmup = 0, Measure = 1, Stop = 2;

    private static volatile int s_phase = Warmup;

    private static long s_origin;

    private readonly Socket _socket = new(options.Family, SocketType.Stream,
        options.Family == AddressFamily.Unix ? ProtocolType.Unspecified : ProtocolType.Tcp);

    private readonly byte[] _buffer = new byte[64 * 1024];

    /// <summary>Shared by every worker: warming up, measuring, or stopping.</summary>
    public static int Phase
    {
        get => s_phase;
        set => s_phase = value;
    }

    /// <summary>When every connection's schedule starts (with <c>--rate</c>); set before the threads start.</summary>
    public static long Origin
    {
        get => Volatile.Read(ref s_origin);
        set => Volatile.Write(ref s_origin, value);
    }

    public long[] Samples { get; } = new long[capacity];

    public int Count { get; private set; }

    public int Overflow { get; private set; }

    public int Errors { get; private set; }

    /// <summary>Answers (warm-up included) whose status was not 200: each one makes the run worthless.</summary>
    public int Non200 { get; private set; }

    /// <summary>The status line of the first such answer, to say what went wrong.</summary>
    public string? FirstNon200 { get; private set; }

    /// <summary>200 answers whose body was not the expected bytes (with <c>--expect-body</c>).</summary>
    public int BodyMismatches { get; private set; }

    public int BodyBytes { get; private set; }

    /// <summary>Every answer read whole, warm-up included (what the server did while the run lasted).</summary>
    public long Answers { get; private set; }

    public void Connect()
    {
        if (options.Family != AddressFamily.Unix)
        {
            // As an SDK's HTTP client does; without it a small request can wait for a delayed ACK.
            _socket.NoDelay = true;
        }

        _socket.Connect(options.EndPoint);
    }

    public void Run()
    {
        var interval = options.Rate > 0 ? (long)(Stopwatch.Frequency * options.Connections / options.Rate) : 0;
        var next = Origin + (interval * index / options.Connections);
        try
        {
            while (true)
            {
                var phase = s_phase;
                if (phase == Stop)
                {
                    return;
                }

                var t0 = interval > 0 ? WaitForTurn(next) : Stopwatch.GetTimestamp();
                next += interval;
                _socket.Send(options.Request);
                if (ReadResponse() is not { } ok)
                {
                    Errors++;
                    return;
                }

                Answers++;

                if (phase == Measure && ok)
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

    public void Dispose() => _socket.Dispose();

    // Paced: sleeps until the scheduled send time and returns the time latency counts from. Behind schedule (the last
    // answer came late), that is the scheduled time, so a stall is charged to every request it delayed, not only to
    // the one in flight (no coordinated omission); on time, it is the actual send, so the sleep's own overshoot (about
    // 0.1 ms) is not charged to the server. Less than a millisecond early is sent at once: no spinning on the core.
    private static long WaitForTurn(long scheduled)
    {
        var now = Stopwatch.GetTimestamp();
        if (now >= scheduled)
        {
            return scheduled;
        }

        var early = Stopwatch.GetElapsedTime(now, scheduled);
        if (early >= TimeSpan.FromMilliseconds(1))
        {
            Thread.Sleep(early);
        }

        return Stopwatch.GetTimestamp();
    }

    // Reads one response: headers up to CRLFCRLF, then Content-Length body bytes. True for a 200 with the expected
    // body; false for an answer that was read whole but is wrong (counted); null when the stream cannot go on.
    private bool? ReadResponse()
    {
        var filled = 0;
        var headerEnd = -1;
        while (headerEnd < 0)
        {
            var n = _socket.Receive(_buffer, filled, _buffer.Length - filled, SocketFlags.None);
            if (n == 0)
            {
                Console.Error.WriteLine("socketload: server closed the connection");
                return null;
            }

            filled += n;
            headerEnd = _buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (headerEnd < 0 && filled == _buffer.Length)
            {
                return null;
            }
        }

        var head = _buffer.AsSpan(0, headerEnd);
        var length = ContentLength(head);
        if (length < 0)
        {
            Console.Error.WriteLine($"socketload: no Content-Length in the response: {Encoding.ASCII.GetString(head)}");
            return null;
        }

        var needed = headerEnd + 4 + length;
        if (needed > _buffer.Length)
        {
            return null;
        }

        while (filled < needed)
        {
            var n = _socket.Receive(_buffer, filled, needed - filled, SocketFlags.None);
            if (n == 0)
            {
                return null;
            }

            filled += n;
        }

        if (filled != needed)
        {
            return null; // one request in flight: anything extra would be a framing error
        }

        if (!head.StartsWith("HTTP/1.1 200 "u8))
        {
            if (Non200++ == 0)
            {
                var eol = head.IndexOf("\r\n"u8);
                FirstNon200 = Encoding.ASCII.GetString(eol < 0 ? head : head[..eol]);
            }

            return false;
        }

        BodyBytes = length;
        if (options.ExpectedBody is { } expected && !_buffer.AsSpan(headerEnd + 4, length).SequenceEqual(expected))
        {
            BodyMismatches++;
            return false;
        }

        return true;
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
}
