using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Samples;

/// <summary>
/// A sample built as a team outside this repository would build it: the src/ projects are packed into a temporary
/// folder laid out like the repository (so the sample's own NuGet.config finds them at its relative
/// <c>nuget/packages</c>), the sample's sources are copied to the same relative place, and it restores those PACKAGES
/// under a version no earlier run used (so restore can only take what this run packed, never a stale copy from the
/// machine's global packages folder). Disposing forgets the extracted packages and the folder.
/// </summary>
internal sealed partial class PackedSample : IDisposable
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(4);

    private readonly TempDirectory _work;
    private readonly string[] _packages;

    private PackedSample(TempDirectory work, string[] packages, string version, string directory, string dll)
    {
        _work = work;
        _packages = packages;
        Version = version;
        Directory = directory;
        Dll = dll;
    }

    /// <summary>The unique version this run packed.</summary>
    public string Version { get; }

    /// <summary>The sample's copy, built.</summary>
    public string Directory { get; }

    /// <summary>The built sample's entry assembly.</summary>
    public string Dll { get; }

    /// <summary>
    /// Packs, copies <paramref name="sample"/> (relative to the repository, e.g. <c>samples/DirectAws</c>) and builds it
    /// from the packages; asserts that every one of <paramref name="packages"/> was restored as a package of this run.
    /// </summary>
    public static async Task<PackedSample> BuildAsync(string sample, string[] packages, ITestOutputHelper output)
    {
        string suffix = $"e2e-{Guid.NewGuid():N}";
        string version = $"{RepositoryVersion()}-{suffix}";
        TempDirectory work = TempDirectory.OnDisk();
        string destination = work.Combine(sample.Split('/'));
        PackedSample built = new(work, packages, version, destination, Path.Combine(destination, "bin", "Release", "net10.0", Path.GetFileName(sample) + ".dll"));
        try
        {
            await RunToolAsync(["pack", "SecretBroker.sln", "-c", "Release", "--no-build", "-nologo", "-o", work.Combine("nuget", "packages"), $"-p:VersionSuffix={suffix}"], RepositoryPaths.Root, output);
            CopySample(Path.Combine(RepositoryPaths.Root, sample), destination);
            await RunToolAsync(["build", destination, "-c", "Release", "-nologo", $"-p:SecretBrokerVersion={version}"], destination, output);
            AssertRestoredAsPackages(Path.Combine(destination, "obj", "project.assets.json"), packages, version, work.Combine("nuget", "packages"));
            return built;
        }
        catch
        {
            built.Dispose();
            throw;
        }
    }

    /// <summary>The version <c>dotnet pack SecretBroker.sln</c> writes (VersionPrefix in the repository's Directory.Build.props).</summary>
    public static string RepositoryVersion() =>
        VersionPrefix().Match(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"))).Groups[1].Value;

    public void Dispose()
    {
        ForgetExtractedPackages();
        _work.Dispose();
    }

    /// <summary>
    /// NuGet's record of the restore: every SecretBroker library is a package of this run's version, none a project,
    /// and each was taken from the pack folder the sample's NuGet.config names (NuGet writes the source it used into
    /// the extracted package's .nupkg.metadata).
    /// </summary>
    private static void AssertRestoredAsPackages(string assetsFile, string[] packages, string version, string packFolder)
    {
        JsonNode assets = JsonNode.Parse(File.ReadAllText(assetsFile))!;
        JsonObject libraries = assets["libraries"]!.AsObject();
        string global = assets["packageFolders"]!.AsObject().First().Key;
        foreach (string package in packages)
        {
            JsonNode library = libraries[$"{package}/{version}"] ?? throw new Xunit.Sdk.XunitException($"{package} {version} is not in the sample's restore: {string.Join(", ", libraries.Select(l => l.Key))}");
            Assert.Equal("package", library["type"]!.GetValue<string>());
            string metadata = Path.Combine(global, library["path"]!.GetValue<string>(), ".nupkg.metadata");
            string source = JsonNode.Parse(File.ReadAllText(metadata))!["source"]!.GetValue<string>();
            Assert.Equal(Path.TrimEndingDirectorySeparator(packFolder), Path.TrimEndingDirectorySeparator(source));
        }

        Assert.DoesNotContain(libraries, l => l.Value!["type"]!.GetValue<string>() == "project");
    }

    /// <summary>Copies the sample's sources (not its bin/obj).</summary>
    private static void CopySample(string source, string destination)
    {
        System.IO.Directory.CreateDirectory(destination);
        foreach (string file in System.IO.Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
    }

    /// <summary>Restore extracted this run's unique version into the global packages folder; nothing else will use it.</summary>
    private void ForgetExtractedPackages()
    {
        string global = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string package in _packages)
        {
            string directory = Path.Combine(global, package.ToLowerInvariant(), Version.ToLowerInvariant());
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }

            string? parent = Path.GetDirectoryName(directory);
            if (System.IO.Directory.Exists(parent) && !System.IO.Directory.EnumerateFileSystemEntries(parent).Any())
            {
                System.IO.Directory.Delete(parent);
            }
        }
    }

    private static async Task RunToolAsync(string[] arguments, string workingDirectory, ITestOutputHelper output)
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

    [GeneratedRegex("<VersionPrefix>([^<]+)</VersionPrefix>")]
    private static partial Regex VersionPrefix();
}
