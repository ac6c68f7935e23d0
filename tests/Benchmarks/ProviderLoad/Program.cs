using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using SecretBroker.Aws;

namespace SecretBroker.Benchmarks.ProviderLoad;

/// <summary>
/// Builds an <see cref="IConfigurationRoot"/> of N secrets (<c>bench/secret-000</c>… in the local cloud, each
/// <c>{"token": …}</c>) through <c>AddSecretBroker</c> straight to Secrets Manager over IRSA, or through
/// <c>AddSecretBrokerSidecar</c> from a running sidecar's socket, and prints one JSON line: time to first load (the
/// <c>Build()</c> call, cold: the first in this process), the GC heap before it, right after it and once settled
/// (<c>--settle-ms</c> later; each after a full blocking GC), the Secrets Manager and STS calls the load cost and, for the direct provider, the calls over
/// <c>--cycles</c> whole refresh cycles and the reloads they fired (one secret rotated per cycle with <c>--rotate</c>).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        Arguments a = Arguments.Parse(args);
        using EmulatorAdmin admin = new(a.AdminUrl);
        using RefreshCycles cycles = new();

        Dictionary<string, long> callsBefore = await admin.CallsAsync();
        long heapBefore = Heap();
        var watch = Stopwatch.StartNew();
        IConfigurationRoot root = Build(a);
        double firstLoadMs = watch.Elapsed.TotalMilliseconds;
        long heapAfter = Heap();
        Dictionary<string, long> startCalls = EmulatorAdmin.Delta(callsBefore, await admin.CallsAsync());

        // What the app carries once the provider has settled: the sidecar provider opens its long polls after the
        // first load returns, the direct one has run a few refresh cycles.
        await Task.Delay(a.SettleMs);
        long heapSteady = Heap();
        int keys = root.AsEnumerable().Count(kv => kv.Value is not null);

        var result = new JsonObject
        {
            ["provider"] = a.Provider,
            ["secrets"] = a.Secrets,
            ["mode"] = a.Mode,
            ["keys"] = keys,
            ["firstLoadMs"] = Math.Round(firstLoadMs, 1),
            ["heapBefore"] = heapBefore,
            ["heapAfter"] = heapAfter,
            ["heapSteady"] = heapSteady,
            ["startCalls"] = ToJson(startCalls),
        };

        if (a.Provider == "direct" && a.Cycles > 0)
        {
            long reloads = 0;
            using IDisposable reloadCount = ChangeToken.OnChange(root.GetReloadToken, () => Interlocked.Increment(ref reloads));
            TimeSpan cycleTimeout = TimeSpan.FromMilliseconds(a.RefreshMs * 10) + TimeSpan.FromSeconds(10);
            long mark = await cycles.NextAsync(a.Secrets, cycles.Refreshes, cycleTimeout);
            Dictionary<string, long> before = await admin.CallsAsync();
            long reloadsBefore = Interlocked.Read(ref reloads);
            for (int cycle = 0; cycle < a.Cycles; cycle++)
            {
                if (a.Rotate)
                {
                    await admin.PutTokenAsync("bench/secret-000", $"rotated-{cycle}-{Guid.NewGuid():N}");
                }

                mark = await cycles.NextAsync(a.Secrets, mark, cycleTimeout);
            }

            result["cycles"] = a.Cycles;
            result["cycleCalls"] = ToJson(EmulatorAdmin.Delta(before, await admin.CallsAsync()));
            result["reloads"] = Interlocked.Read(ref reloads) - reloadsBefore;
        }

        if (a.WatchMs > 0)
        {
            // Reloads while the driver rotates secrets elsewhere (through the sidecar): say when the watch starts.
            long reloads = 0;
            using IDisposable reloadCount = ChangeToken.OnChange(root.GetReloadToken, () => Interlocked.Increment(ref reloads));
            await Console.Error.WriteLineAsync("watching");
            await Task.Delay(a.WatchMs);
            result["watchMs"] = a.WatchMs;
            result["reloads"] = Interlocked.Read(ref reloads);
        }

        GC.KeepAlive(root);
        (root as IDisposable)?.Dispose();
        Console.WriteLine(result.ToJsonString());
        return keys == a.Secrets ? 0 : 1;
    }

    private static IConfigurationRoot Build(Arguments a)
    {
        var builder = new ConfigurationBuilder();
        if (a.Provider == "sidecar")
        {
            return builder.AddSecretBrokerSidecar(o => o.SocketPath = a.Socket).Build();
        }

        JsonNode endpoints = JsonNode.Parse(File.ReadAllText(a.Endpoints!))!;
        return builder.AddSecretBroker(b =>
        {
            b.AddAwsSecretsManager("models", o =>
            {
                o.Region = endpoints["region"]!.GetValue<string>();
                o.ServiceUrl = new Uri(endpoints["secretsManager"]!.GetValue<string>());
                o.StsServiceUrl = new Uri(endpoints["sts"]!.GetValue<string>());
                o.Identity = AwsIdentityMode.Irsa;
                o.RoleArn = endpoints["roleArn"]!.GetValue<string>();
                o.WebIdentityTokenFile = endpoints["tokenFiles"]!["irsa"]!.GetValue<string>();
                o.RefreshMode = a.Mode == "probe" ? AwsRefreshMode.Probe : AwsRefreshMode.Batch;
            });
            for (int i = 0; i < a.Secrets; i++)
            {
                string name = string.Create(CultureInfo.InvariantCulture, $"secret-{i:000}");
                b.AddSecret(name, backend: "models", id: $"bench/{name}", key: "token", refresh: TimeSpan.FromMilliseconds(a.RefreshMs));
            }
        }).Build();
    }

    /// <summary>Bytes on the GC heap after a full, blocking, compacting collection (twice: finalizers run in between).</summary>
    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static JsonObject ToJson(Dictionary<string, long> calls) =>
        new(calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));
}
