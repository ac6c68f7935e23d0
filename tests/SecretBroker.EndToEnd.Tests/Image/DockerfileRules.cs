using System.Text.RegularExpressions;

namespace SecretBroker.EndToEnd.Tests.Image;

/// <summary>
/// The rules the sidecar's Dockerfile keeps (#11 point 1), each problem a line naming what is wrong: base images pinned
/// by tag and digest; a build stage that runs <see cref="SidecarImage.PublishCommand"/> with the AOT toolchain and the
/// VERSION/REVISION/FLAVOR build args (FLAVOR defaulting to the all-in-one); a final stage on a chiseled or distroless base with no RUN (there is no shell), the
/// binary alone, <c>USER 65532:65532</c>, <c>ENTRYPOINT ["/secretbroker"]</c> and the OCI labels.
/// </summary>
internal static partial class DockerfileRules
{
    public static IReadOnlyList<string> Problems(Dockerfile file, DockerIgnore ignore, string versionPrefix, string root)
    {
        var problems = new List<string>();
        if (file.Stages.Count < 2)
        {
            problems.Add("the Dockerfile needs a build stage and a final stage");
            return problems;
        }

        foreach (var stage in file.Stages.Where(s => !PinnedImage().IsMatch(s.Image)))
        {
            problems.Add($"line {stage.Line}: FROM {stage.Image} is not pinned by tag and digest (name:tag@sha256:…)");
        }

        var final = file.Final;
        var copies = final.All("COPY").ToList();
        var copy = copies.Count == 1 ? copies[0].SplitFlags() : default;
        var build = copy.Flags?.GetValueOrDefault("from") is { } from ? file.Stage(from) : null;
        if (build is null || copy.Words is not [SidecarImage.PublishedBinary, SidecarImage.Binary] || copy.Flags!.Count != 1)
        {
            problems.Add($"the final stage must copy only the binary: COPY --from=<build stage> {SidecarImage.PublishedBinary} {SidecarImage.Binary}");
        }
        else
        {
            problems.AddRange(BuildStageProblems(build, ignore, versionPrefix, root));
        }

        problems.AddRange(FinalStageProblems(final, versionPrefix));
        return problems;
    }

    private static IEnumerable<string> BuildStageProblems(DockerStage build, DockerIgnore ignore, string versionPrefix, string root)
    {
        var publishes = build.All("RUN").Where(r => r.ExecForm is ["dotnet", "publish", ..]).ToList();
        if (publishes.Count != 1)
        {
            yield return $"line {build.Line}: the build stage must run exactly one `dotnet publish`, in exec form (found {publishes.Count})";
        }
        else if (!publishes[0].ExecForm!.SequenceEqual(SidecarImage.PublishCommand))
        {
            yield return $"line {publishes[0].Line}: the publish command differs from the one CI runs: expected {string.Join(' ', SidecarImage.PublishCommand)}, found {string.Join(' ', publishes[0].ExecForm!)}";
        }

        if (!build.All("RUN").Any(r => r.Arguments.Contains("clang", StringComparison.Ordinal) && r.Arguments.Contains("zlib1g-dev", StringComparison.Ordinal)))
        {
            yield return $"line {build.Line}: the build stage does not install the Native AOT toolchain (clang, zlib1g-dev)";
        }

        var env = build.All("ENV").SelectMany(e => e.Pairs()).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (env.GetValueOrDefault("Version") != "${VERSION}" || env.GetValueOrDefault("SourceRevisionId") != "${REVISION}")
        {
            yield return $"line {build.Line}: the build stage must hand the build args to MSBuild: ENV Version=${{VERSION}} SourceRevisionId=${{REVISION}}";
        }

        // The flavour reaches the publish through MSBuild's environment, so the one publish line serves every flavour.
        if (env.GetValueOrDefault("SecretBrokerFlavor") != "${FLAVOR}")
        {
            yield return $"line {build.Line}: the build stage must hand the FLAVOR build arg to MSBuild: ENV SecretBrokerFlavor=${{FLAVOR}}";
        }

        if (build.ArgDefaults().GetValueOrDefault("FLAVOR") != SidecarImage.DefaultFlavor)
        {
            yield return $"line {build.Line}: the build stage's ARG FLAVOR default must be the all-in-one flavour {SidecarImage.DefaultFlavor}";
        }

        if (build.ArgDefaults().GetValueOrDefault("VERSION") != versionPrefix)
        {
            yield return $"line {build.Line}: the build stage's ARG VERSION default must be the repository's VersionPrefix {versionPrefix}";
        }

        foreach (var source in build.All("COPY").Where(c => !c.SplitFlags().Flags.ContainsKey("from")).SelectMany(c => c.SplitFlags().Words.SkipLast(1).Select(w => (c.Line, Path: w.TrimEnd('/')))))
        {
            if (!Path.Exists(Path.Combine(root, source.Path)))
            {
                yield return $"line {source.Line}: COPY {source.Path}: no such path in the repository";
            }
            else if (ignore.Excludes(source.Path))
            {
                yield return $"line {source.Line}: COPY {source.Path}: .dockerignore leaves it out of the context";
            }
        }

        foreach (var kept in new[] { ".git", "src/SecretBroker.Core/bin/Release", "sidecar/SecretBroker.Sidecar/obj/project.assets.json" }.Where(p => !ignore.Excludes(p)))
        {
            yield return $".dockerignore does not leave out {kept}";
        }
    }

    private static IEnumerable<string> FinalStageProblems(DockerStage final, string versionPrefix)
    {
        if (!ChiseledOrDistroless().IsMatch(final.Image))
        {
            yield return $"line {final.Line}: the final stage's base {final.Image} is neither chiseled (runtime-deps:*-chiseled) nor distroless";
        }

        foreach (var run in final.All("RUN").Concat(final.All("SHELL")))
        {
            yield return $"line {run.Line}: {run.Keyword} in the final stage: it has no shell, and nothing may run there";
        }

        var user = final.All("USER").LastOrDefault();
        if (user?.Arguments != SidecarImage.User)
        {
            yield return $"the final stage must run as USER {SidecarImage.User} (found {user?.Arguments ?? "no USER"})";
        }

        var entrypoints = final.All("ENTRYPOINT").ToList();
        if (entrypoints.Count != 1 || entrypoints[0].ExecForm is not [SidecarImage.Binary])
        {
            yield return $"the final stage must have ENTRYPOINT [\"{SidecarImage.Binary}\"] (exec form: there is no shell)";
        }

        foreach (var cmd in final.All("CMD").Where(c => c.ExecForm is null))
        {
            yield return $"line {cmd.Line}: CMD in shell form needs a shell the image does not have";
        }

        var labels = final.All("LABEL").SelectMany(l => l.Pairs()).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var args = final.ArgDefaults();
        foreach (var (label, arg) in new[] { ("source", "SOURCE"), ("revision", "REVISION"), ("version", "VERSION") })
        {
            if (labels.GetValueOrDefault("org.opencontainers.image." + label) != "${" + arg + "}" || !args.ContainsKey(arg))
            {
                yield return $"the final stage must label org.opencontainers.image.{label}=\"${{{arg}}}\" from its ARG {arg}";
            }
        }

        if (args.GetValueOrDefault("VERSION") != versionPrefix)
        {
            yield return $"line {final.Line}: the final stage's ARG VERSION default must be the repository's VersionPrefix {versionPrefix}";
        }
    }

    [GeneratedRegex(@"^[^\s@]+:[^\s@/:]+@sha256:[0-9a-f]{64}$")]
    private static partial Regex PinnedImage();

    [GeneratedRegex(@"^(mcr\.microsoft\.com/dotnet/runtime-deps:[^@\s]*-chiseled(@|$)|gcr\.io/distroless/)")]
    private static partial Regex ChiseledOrDistroless();
}
