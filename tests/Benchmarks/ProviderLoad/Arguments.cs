using System.Globalization;
using System.Text.Json.Nodes;

namespace SecretBroker.Benchmarks.ProviderLoad;

/// <summary>The command line: <c>--endpoints FILE (--provider direct [--mode batch|probe] | --provider sidecar --socket PATH) [--secrets N] [--refresh-ms MS] [--cycles C] [--rotate] [--settle-ms MS] [--watch-ms MS]</c>.</summary>
internal sealed class Arguments
{
    public string Provider { get; private set; } = "direct";

    public string Mode { get; private set; } = "batch";

    public int Secrets { get; private set; } = 100;

    public int RefreshMs { get; private set; } = 1000;

    public int Cycles { get; private set; }

    public bool Rotate { get; private set; }

    /// <summary>How long after the load the steady-state heap is measured.</summary>
    public int SettleMs { get; private set; } = 3000;

    /// <summary>After the load, count reloads for this long (the driver rotates meanwhile); 0: do not.</summary>
    public int WatchMs { get; private set; }

    public string? Endpoints { get; private set; }

    public string? Socket { get; private set; }

    /// <summary>The local cloud's admin API, from the endpoints file.</summary>
    public Uri AdminUrl => new(JsonNode.Parse(File.ReadAllText(Endpoints!))!["admin"]!.GetValue<string>());

    public static Arguments Parse(string[] args)
    {
        Arguments a = new();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--provider": a.Provider = Next(); break;
                case "--mode": a.Mode = Next(); break;
                case "--secrets": a.Secrets = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--refresh-ms": a.RefreshMs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--cycles": a.Cycles = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--rotate": a.Rotate = true; break;
                case "--settle-ms": a.SettleMs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--watch-ms": a.WatchMs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--endpoints": a.Endpoints = Next(); break;
                case "--socket": a.Socket = Next(); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if (a.Endpoints is null || a.Provider is not ("direct" or "sidecar") || (a.Provider == "sidecar" && a.Socket is null) || a.Mode is not ("batch" or "probe"))
        {
            throw new ArgumentException("usage: --endpoints FILE (--provider direct [--mode batch|probe] | --provider sidecar --socket PATH) [--secrets N] [--refresh-ms MS] [--cycles C] [--rotate] [--settle-ms MS] [--watch-ms MS]");
        }

        return a;
    }
}
