using System.Diagnostics;
using System.Text.RegularExpressions;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Image;

/// <summary>What a replay of the build stage did: the publish's exit code and output, the binary, what was not replayed.</summary>
internal sealed record BuildStageResult(int ExitCode, string Log, string Binary, IReadOnlyList<string> Skipped);

/// <summary>
/// Runs the sidecar Dockerfile's build stage without Docker, so CI publishes exactly what the image would: its COPY
/// sources (less what <c>.dockerignore</c> leaves out) are copied under a sandbox outside any git repository (the build
/// context has no .git), its ARG/ENV become the publish's environment, and its <c>dotnet publish</c> runs as written,
/// each container path (WORKDIR, <c>/artifacts</c>, <c>/out</c>) mapped to the same path under the sandbox. RUN lines
/// other than <c>dotnet</c> (the toolchain's apt-get, a chmod) are not replayed: CI brings its own toolchain
/// (<c>.ci/run</c>) and the rules (<see cref="DockerfileRules"/>) hold those lines.
/// </summary>
internal static partial class BuildStageReplay
{
    public static async Task<BuildStageResult> RunAsync(string repositoryRoot, string sandbox, IReadOnlyDictionary<string, string> buildArgs, TimeSpan timeout)
    {
        var file = SidecarImage.ReadDockerfile(repositoryRoot);
        var ignore = SidecarImage.ReadDockerIgnore(repositoryRoot);
        var from = file.Final.All("COPY").Select(c => c.SplitFlags().Flags.GetValueOrDefault("from")).FirstOrDefault(f => f is not null)
            ?? throw new InvalidOperationException("the final stage copies from no build stage");
        var build = file.Stage(from) ?? throw new InvalidOperationException($"no stage named {from}");

        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var skipped = new List<string>();
        var workdir = "/";
        (int ExitCode, string Log)? publish = null;
        foreach (var instruction in build.Instructions)
        {
            switch (instruction.Keyword)
            {
                case "ARG":
                    foreach (var (key, value) in instruction.Pairs())
                    {
                        args[key] = buildArgs.GetValueOrDefault(key) ?? value ?? string.Empty;
                    }

                    break;
                case "ENV":
                    foreach (var (key, value) in instruction.Pairs())
                    {
                        environment[key] = Variable().Replace(value ?? string.Empty, m => args.GetValueOrDefault(m.Groups[1].Value) ?? string.Empty);
                    }

                    break;
                case "WORKDIR":
                    workdir = instruction.Arguments.StartsWith('/') ? instruction.Arguments : $"{workdir.TrimEnd('/')}/{instruction.Arguments}";
                    Directory.CreateDirectory(Map(sandbox, workdir, workdir));
                    break;
                case "COPY":
                    var (_, words) = instruction.SplitFlags();
                    foreach (var source in words.SkipLast(1))
                    {
                        Copy(repositoryRoot, source.TrimEnd('/'), Map(sandbox, workdir, words[^1]), words[^1].EndsWith('/'), ignore);
                    }

                    break;
                case "RUN" when instruction.ExecForm is ["dotnet", ..] command:
                    publish = await RunDotnetAsync([.. command.Skip(1).Select(a => a.StartsWith('/') ? Map(sandbox, workdir, a) : a)], Map(sandbox, workdir, workdir), environment, timeout);
                    break;
                default:
                    skipped.Add($"line {instruction.Line}: {instruction.Keyword} {instruction.Arguments}");
                    break;
            }
        }

        var (exitCode, log) = publish ?? throw new InvalidOperationException("the build stage runs no dotnet command");
        return new BuildStageResult(exitCode, log, Map(sandbox, workdir, SidecarImage.PublishedBinary), skipped);
    }

    /// <summary>A container path under the sandbox: absolute ones as they are, relative ones from the WORKDIR.</summary>
    private static string Map(string sandbox, string workdir, string containerPath)
    {
        var absolute = containerPath.StartsWith('/') ? containerPath : $"{workdir.TrimEnd('/')}/{containerPath}";
        return Path.GetFullPath(Path.Combine(sandbox, absolute.TrimStart('/')));
    }

    private static void Copy(string root, string source, string destination, bool destinationIsDirectory, DockerIgnore ignore)
    {
        var from = Path.Combine(root, source);
        if (File.Exists(from))
        {
            var target = destinationIsDirectory ? Path.Combine(destination, Path.GetFileName(source)) : destination;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(from, target);
            return;
        }

        // A directory: its contents go into the destination, as Docker copies them.
        foreach (var path in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (ignore.Excludes(relative))
            {
                continue;
            }

            var target = Path.Combine(destination, Path.GetRelativePath(from, path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(path, target);
        }
    }

    private static async Task<(int ExitCode, string Log)> RunDotnetAsync(IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(RepositoryPaths.DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, $"dotnet {string.Join(' ', arguments)} (in {workingDirectory})\n{await stdout}{await stderr}");
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Variable();
}
