using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SecretBroker.EndToEnd.Tests.Aws;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Samples;

/// <summary>
/// samples/DirectAws as a team outside this repository would build it: the src/ projects are packed (into a temporary
/// folder laid out like the repository, so the sample's own NuGet.config finds them at ../../nuget/packages), the
/// sample restores those PACKAGES, and it loads its Hugging Face token with <c>AddSecretBroker</c> straight from the
/// local cloud over IRSA, then follows a rotation through <c>IOptionsMonitor</c> — logging fingerprints, never the token.
/// </summary>
public sealed partial class DirectAwsSampleTests(ITestOutputHelper output)
{
    private static readonly string[] Packages = ["SecretBroker.Core", "SecretBroker.Aws", "SecretBroker.Configuration"];
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_sample_built_from_the_packed_packages_loads_the_token_over_irsa_and_reloads_it_without_logging_it()
    {
        // A version no earlier run used: restore can then only take what this run packed, never a stale copy of the
        // same version from the machine's global packages folder.
        string suffix = $"e2e-{Guid.NewGuid():N}";
        string version = $"{RepositoryVersion()}-{suffix}";
        using TempDirectory work = TempDirectory.OnDisk();
        string sample = work.Combine("samples", "DirectAws");
        try
        {
            await RunToolAsync(["pack", "SecretBroker.sln", "-c", "Release", "--no-build", "-nologo", "-o", work.Combine("nuget", "packages"), $"-p:VersionSuffix={suffix}"], RepositoryPaths.Root);
            CopySample(sample);
            await RunToolAsync(["build", sample, "-c", "Release", "-nologo", $"-p:SecretBrokerVersion={version}"], sample);
            AssertRestoredAsPackages(Path.Combine(sample, "obj", "project.assets.json"), version, work.Combine("nuget", "packages"));

            await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync();
            string first = AwsCanary.New("DIRECT_FIRST");
            string rotated = AwsCanary.New("DIRECT_ROTATED");
            await PutTokenThroughAdminApiAsync(setup, first);

            int port = FreePort();
            using SampleProcess app = SampleProcess.Start(Path.Combine(sample, "bin", "Release", "net10.0", "DirectAws.dll"), port, setup.IrsaEnvironment());
            using HttpClient http = new() { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

            await app.WaitForLineAsync($"Hugging Face token loaded; fingerprint {Fingerprint(first)}", TimeSpan.FromSeconds(60));
            string page = await EventuallyGetAsync(http, p => p.Contains(Fingerprint(first), StringComparison.Ordinal), app);
            Assert.Contains("reloads seen: 0", page, StringComparison.Ordinal);

            await PutTokenThroughAdminApiAsync(setup, rotated);
            await app.WaitForLineAsync($"Hugging Face token reloaded; fingerprint now {Fingerprint(rotated)}", TimeSpan.FromSeconds(30));
            page = await EventuallyGetAsync(http, p => p.Contains(Fingerprint(rotated), StringComparison.Ordinal), app);
            Assert.Contains("reloads seen: 1", page, StringComparison.Ordinal);

            app.Stop();
            output.WriteLine(app.Output);
            Assert.Contains(setup.Cloud.Sessions.All(), s => s.RoleArn == setup.Cloud.Options.RoleArn);
            Assert.True(setup.Cloud.Counters.Snapshot().GetValueOrDefault("sts.AssumeRoleWithWebIdentity")?.GetValueOrDefault("ok") > 0, "the sample never assumed the role over IRSA");
            AwsCanary.AssertNoLeak(app.Output, setup);
        }
        finally
        {
            ForgetExtractedPackages(version);
        }
    }

    [Fact]
    public void The_sample_references_the_version_the_repository_packs_and_is_not_built_by_the_solution()
    {
        string props = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "DirectAws", "Directory.Build.props"));
        Assert.Contains($"<SecretBrokerVersion Condition=\"'$(SecretBrokerVersion)' == ''\">{RepositoryVersion()}</SecretBrokerVersion>", props, StringComparison.Ordinal);

        string project = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "DirectAws", "DirectAws.csproj"));
        Assert.DoesNotContain("ProjectReference", project, StringComparison.Ordinal);
        Assert.DoesNotContain("DirectAws", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "SecretBroker.sln")), StringComparison.Ordinal);
    }

    /// <summary>
    /// NuGet's record of the restore: every SecretBroker library is a package of this run's version, none a project,
    /// and each was taken from the pack folder the sample's NuGet.config names (NuGet writes the source it used into
    /// the extracted package's .nupkg.metadata).
    /// </summary>
    private static void AssertRestoredAsPackages(string assetsFile, string version, string packFolder)
    {
        JsonNode assets = JsonNode.Parse(File.ReadAllText(assetsFile))!;
        JsonObject libraries = assets["libraries"]!.AsObject();
        string packages = assets["packageFolders"]!.AsObject().First().Key;
        foreach (string package in Packages)
        {
            JsonNode library = libraries[$"{package}/{version}"] ?? throw new Xunit.Sdk.XunitException($"{package} {version} is not in the sample's restore: {string.Join(", ", libraries.Select(l => l.Key))}");
            Assert.Equal("package", library["type"]!.GetValue<string>());
            string metadata = Path.Combine(packages, library["path"]!.GetValue<string>(), ".nupkg.metadata");
            string source = JsonNode.Parse(File.ReadAllText(metadata))!["source"]!.GetValue<string>();
            Assert.Equal(Path.TrimEndingDirectorySeparator(packFolder), Path.TrimEndingDirectorySeparator(source));
        }

        Assert.DoesNotContain(libraries, l => l.Value!["type"]!.GetValue<string>() == "project");
    }

    private static string RepositoryVersion() =>
        VersionPrefix().Match(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"))).Groups[1].Value;

    /// <summary>Copies the sample's sources (not its bin/obj) under the temporary "repository" the packages went into.</summary>
    private static void CopySample(string destination)
    {
        string source = Path.Combine(RepositoryPaths.Root, "samples", "DirectAws");
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
    }

    /// <summary>Restore extracted this run's unique version into the global packages folder; nothing else will use it.</summary>
    private static void ForgetExtractedPackages(string version)
    {
        string global = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string package in Packages)
        {
            string directory = Path.Combine(global, package.ToLowerInvariant(), version.ToLowerInvariant());
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            if (Directory.Exists(Path.GetDirectoryName(directory)) && !Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(directory)!).Any())
            {
                Directory.Delete(Path.GetDirectoryName(directory)!);
            }
        }
    }

    private static async Task PutTokenThroughAdminApiAsync(AwsCloudSetup setup, string token)
    {
        using HttpClient admin = new() { BaseAddress = setup.Cloud.AdminUrl };
        string body = new JsonObject { ["secretString"] = new JsonObject { ["token"] = token }.ToJsonString() }.ToJsonString();
        using StringContent content = new(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await admin.PutAsync(new Uri($"v1/secrets/{AwsCloudSetup.SecretId}", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }

    private async Task RunToolAsync(string[] arguments, string workingDirectory)
    {
        ProcessStartInfo info = new(RepositoryPaths.DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using Process tool = Process.Start(info)!;
        Task<string> stdout = tool.StandardOutput.ReadToEndAsync();
        Task<string> stderr = tool.StandardError.ReadToEndAsync();
        using CancellationTokenSource deadline = new(ToolTimeout);
        try
        {
            await tool.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            tool.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} took over {ToolTimeout.TotalMinutes:0} min");
        }

        output.WriteLine($"dotnet {arguments[0]}: {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(tool.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {tool.ExitCode}:\n{await stdout}\n{await stderr}");
    }

    private static async Task<string> EventuallyGetAsync(HttpClient http, Func<string, bool> condition, SampleProcess app)
    {
        string last = "(no answer)";
        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    last = await http.GetStringAsync(new Uri("/", UriKind.Relative));
                    return condition(last);
                }
                catch (HttpRequestException)
                {
                    return false; // not listening yet
                }
            },
            TimeSpan.FromSeconds(30),
            $"the sample's page to show the expected fingerprint; last answer: {last}\n{app.Output}");
        return last;
    }

    private static string Fingerprint(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..12];

    private static int FreePort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("<VersionPrefix>([^<]+)</VersionPrefix>")]
    private static partial Regex VersionPrefix();

    /// <summary>The built sample, run with the pod's environment (and nothing else of AWS's or SecretBroker's), its output kept.</summary>
    private sealed class SampleProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        private SampleProcess(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue(e.Data); } };
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue(e.Data); } };
        }

        public string Output => string.Join('\n', _lines);

        public static SampleProcess Start(string dll, int port, IReadOnlyDictionary<string, string> environment)
        {
            ProcessStartInfo info = new(RepositoryPaths.DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
            info.ArgumentList.Add(dll);
            info.ArgumentList.Add("--urls");
            info.ArgumentList.Add($"http://127.0.0.1:{port}");
            foreach (string key in info.Environment.Keys.Where(k => k.StartsWith("SECRETBROKER_", StringComparison.Ordinal) || k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
            {
                info.Environment.Remove(key);
            }

            foreach ((string key, string value) in environment)
            {
                info.Environment[key] = value;
            }

            info.Environment["HuggingFace__Refresh"] = "00:00:01";
            Process process = new() { StartInfo = info };
            SampleProcess sample = new(process);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return sample;
        }

        public async Task WaitForLineAsync(string text, TimeSpan timeout)
        {
            bool Logged() => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
            await Eventually.HoldsAsync(() => Logged() || _process.HasExited, timeout, $"the sample to log \"{text}\"\n{Output}");
            if (!Logged())
            {
                throw new InvalidOperationException($"the sample exited ({_process.ExitCode}) before logging \"{text}\":\n{Output}");
            }
        }

        public void Stop()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }

        public void Dispose()
        {
            Stop();
            _process.Dispose();
        }
    }
}
