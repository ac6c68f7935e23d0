using System.Diagnostics;
using System.Globalization;
using SecretBroker.EndToEnd.Tests.Image;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>
/// The sidecar ships as a Native AOT binary in the image sidecar/Dockerfile builds. CI has no Docker engine, so this
/// replays the Dockerfile's build stage (<see cref="BuildStageReplay"/>: its sources, its build args, its `dotnet
/// publish` exactly as written): the publish must have no trim/AOT warnings, and the binary must need no library the
/// chiseled base lacks, stamp the build args' version and commit, and work.
/// </summary>
public sealed class NativeAotPublishTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_sidecar_publishes_as_native_aot_without_warnings_and_the_binary_runs()
    {
        // Outside the repository: the image's build context has no .git either.
        using var sandbox = TempDirectory.OutsideRepository();
        var replay = await BuildStageReplay.RunAsync(
            RepositoryPaths.Root,
            sandbox.Path,
            new Dictionary<string, string> { ["VERSION"] = "0.1.0-ci.1", ["REVISION"] = "c1c1c1c1c1c1" },
            TimeSpan.FromMinutes(10));
        var log = replay.Log;
        output.WriteLine(log);
        output.WriteLine("not replayed (held by DockerfileTests): " + string.Join("; ", replay.Skipped));

        Assert.True(replay.ExitCode == 0, $"publish failed:\n{log}");
        var warnings = log.Split('\n').Where(l => l.Contains("warning", StringComparison.OrdinalIgnoreCase) && !l.Contains("0 Warning(s)", StringComparison.Ordinal)).ToList();
        Assert.Empty(warnings);

        // The base image provides glibc (and libstdc++, zlib, OpenSSL, which .NET loads itself); nothing else may be needed.
        var (readelfExit, dynamic) = await RunAsync("readelf", ["-d", replay.Binary], TimeSpan.FromSeconds(30));
        Assert.Equal(0, readelfExit);
        var needed = System.Text.RegularExpressions.Regex.Matches(dynamic, @"\(NEEDED\)\s+Shared library: \[([^\]]+)\]").Select(m => m.Groups[1].Value).ToList();
        output.WriteLine("NEEDED: " + string.Join(", ", needed));
        Assert.NotEmpty(needed);
        Assert.All(needed, library => Assert.Contains(library, SidecarImage.BaseLibraries));

        var binary = replay.Binary;
        var (versionExit, versionOutput) = await RunAsync(binary, ["version"], TimeSpan.FromSeconds(30));
        Assert.Equal(0, versionExit);
        Assert.Equal($"secretbroker 0.1.0-ci.1+c1c1c1c1c1c1\ncommit c1c1c1c1c1c1\nflavor {SidecarImage.DefaultFlavor}\n", versionOutput);

        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1));
        var (checkExit, checkOutput) = await RunAsync(binary, ["check", "--config", config], TimeSpan.FromSeconds(30));
        Assert.True(checkExit == 0, checkOutput);
        Assert.Contains("hf-token", checkOutput, StringComparison.Ordinal);

        // The AOT binary runs with UseSystemResourceKeys: a config it cannot read is explained in our words, never a
        // resource key (IO_PathNotFound_Path, UnauthorizedAccess_IODenied_Path); deep nesting is an error, not a crash.
        using var unreadable = TempDirectory.OnTmpfs();
        var missing = unreadable.Combine("missing", "secretbroker.yaml");
        var nested = unreadable.Combine("nested.yaml");
        File.WriteAllText(nested, new string('[', 40_000));
        var (missingExit, missingOutput) = await RunAsync(binary, ["check", "--config", missing], TimeSpan.FromSeconds(30));
        var (directoryExit, directoryOutput) = await RunAsync(binary, ["check", "--config", unreadable.Path], TimeSpan.FromSeconds(30));
        var (nestedExit, nestedOutput) = await RunAsync(binary, ["check", "--config", nested], TimeSpan.FromSeconds(30));
        Assert.Equal((2, 2, 2), (missingExit, directoryExit, nestedExit));
        Assert.Contains($"{missing}:0: cannot read the file: no such file", missingOutput, StringComparison.Ordinal);
        Assert.Contains($"{unreadable.Path}:0: cannot read the file: it is a directory", directoryOutput, StringComparison.Ordinal);
        Assert.Contains($"{nested}:1: nested more than 64 levels deep", nestedOutput, StringComparison.Ordinal);
        Assert.DoesNotMatch(ConfigReadErrorsAreWordedTests.ResourceKey, missingOutput + directoryOutput + nestedOutput);

        // The AOT binary serves the socket API (Kestrel compiled in) and its own `get` reads from it, OpenTelemetry's
        // Prometheus exporter on the loopback listener, and the model-store credentials route.
        using var run = TempDirectory.OnTmpfs();
        var socket = run.Combine("broker.sock");
        var httpPort = FreeLoopbackPort();
        setup.SetSource("s3keys", """{"AccessKeyId":"ASIAAOT","SecretAccessKey":"aot/secret","SessionToken":"aot-token","Expiration":"2099-01-01T00:00:00Z"}""");
        config = setup.WriteConfig(
            ["hf-token", "s3keys"],
            TimeSpan.FromSeconds(1),
            extraFilesKeys: $"  socket:\n    path: {socket}\n  http:\n    listen: 127.0.0.1:{httpPort}\ncredentials:\n  minio: {{ type: secret, secret: s3keys }}\n  broken: {{ type: secret, secret: hf-token }}");
        using var sidecar = Process.Start(new ProcessStartInfo(binary, ["run", "--config", config]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        try
        {
            var logLines = new System.Collections.Concurrent.ConcurrentQueue<string>();
            sidecar.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    logLines.Enqueue(line);
                }
            };
            sidecar.BeginOutputReadLine();
            _ = sidecar.StandardError.ReadToEndAsync();
            await Eventually.HoldsAsync(() => File.Exists(socket) || sidecar.HasExited, TimeSpan.FromSeconds(20), "the AOT sidecar's socket");
            CurlResponse? served = null;
            await Eventually.HoldsAsync(
                () => (served = Curl.GetAsync(socket, "/v1/secrets/hf-token").GetAwaiter().GetResult()).Status == 200,
                TimeSpan.FromSeconds(20),
                "a 200 from the AOT sidecar's socket");
            Assert.Equal("hf_value", served!.Body);
            var (getExit, getOutput) = await RunAsync(binary, ["get", "hf-token", "--socket", socket], TimeSpan.FromSeconds(30));
            Assert.Equal(0, getExit);
            Assert.Equal("hf_value", getOutput);

            // The kubelet's exec probe, as the native sidecar's startupProbe runs it: silent exit 0 once ready. Its cost
            // is printed for the resolve note, not asserted (a wall-clock bound on a shared CI machine would be flaky).
            var probeTimes = new List<double>();
            for (int i = 0; i < 20; i++)
            {
                var probeClock = Stopwatch.StartNew();
                var (probeExit, probeOutput) = await RunAsync(binary, ["probe", "ready", "--socket", socket], TimeSpan.FromSeconds(30));
                probeTimes.Add(probeClock.Elapsed.TotalMilliseconds);
                Assert.Equal((0, string.Empty), (probeExit, probeOutput));
            }

            probeTimes.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"AOT `probe ready` wall time over 20 runs: min {probeTimes[0]:0.0} ms, median {probeTimes[10]:0.0} ms, max {probeTimes[^1]:0.0} ms"));

            // Once ready, the start's pages of the image are paged out (and the start's garbage collected): the idle
            // sidecar's resident set is what its refresh loop touches, not what parsing and composing touched.
            string? trimmed = null;
            await Eventually.HoldsAsync(
                () => (trimmed = logLines.FirstOrDefault(line => line.Contains("\"EventId\":3007", StringComparison.Ordinal))) is not null,
                TimeSpan.FromSeconds(20),
                "the start trim's log line (3007)");
            var resident = System.Text.RegularExpressions.Regex.Match(trimmed!, @"resident (\d+) KiB -> (\d+) KiB \(madvise errno 0\)");
            Assert.True(resident.Success, trimmed);
            Assert.True(long.Parse(resident.Groups[2].Value, CultureInfo.InvariantCulture) < long.Parse(resident.Groups[1].Value, CultureInfo.InvariantCulture), trimmed);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{httpPort}/metrics"));
            Assert.Matches(@"(?m)^secretbroker_refreshes_total\{backend=""local"",outcome=""changed""\} [1-9][0-9]*$", metrics);
            Assert.Matches(@"(?m)^secretbroker_socket_requests_total\{status=""200""\} [1-9][0-9]*$", metrics);
            Assert.Contains("secretbroker_backend_request_duration_seconds_bucket{backend=\"local\",operation=\"fetch\",le=\"0.005\"}", metrics, StringComparison.Ordinal);

            using var credentials = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{httpPort}/v1/credentials/aws/minio"));
            credentials.Headers.TryAddWithoutValidation("Authorization", File.ReadAllText(Path.Combine(setup.OutputDirectory, "aws-credentials-token")));
            using var keys = await http.SendAsync(credentials);
            Assert.Equal(
                """{"AccessKeyId":"ASIAAOT","SecretAccessKey":"aot/secret","Token":"aot-token","Expiration":"2099-01-01T00:00:00Z"}""",
                await keys.Content.ReadAsStringAsync());
            using var notKeys = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{httpPort}/v1/credentials/aws/broken"));
            notKeys.Headers.TryAddWithoutValidation("Authorization", File.ReadAllText(Path.Combine(setup.OutputDirectory, "aws-credentials-token")));
            using var refused = await http.SendAsync(notKeys);
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains("does not hold AWS access-key JSON", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Posix.Signal(sidecar.Id, Posix.SigTerm);
            await sidecar.WaitForExitAsync();
        }

        Assert.Equal(0, sidecar.ExitCode);

        // The init container's mode: load, write the files, exit 0, nothing bound.
        using var init = new LocalSidecarSetup();
        init.SetSource("hf-token", "hf_init_value");
        var initConfig = init.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1), extraFilesKeys: $"  socket:\n    path: {run.Combine("init.sock")}");
        var (onceExit, onceOutput) = await RunAsync(binary, ["run", "--once", "--config", initConfig], TimeSpan.FromSeconds(30));
        Assert.True(onceExit == 0, onceOutput);
        Assert.Equal("hf_init_value", init.ReadOutput("hf-token"));
        Assert.False(File.Exists(run.Combine("init.sock")), "run --once bound the socket");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
