using System.Xml.Linq;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Image;

/// <summary>
/// (#11 point 1) The sidecar image's Dockerfile, held to its rules without a Docker engine: pinned bases, the one AOT
/// publish CI also runs, a chiseled final stage with no RUN, the binary alone, uid/gid 65532, the entrypoint and the OCI
/// labels. NativeAotPublishTests replays its build stage and runs the binary.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string VersionPrefix =
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    [Fact]
    public void The_sidecar_Dockerfile_keeps_every_image_rule()
    {
        var problems = Check(File.ReadAllText(Path.Combine(RepositoryPaths.Root, SidecarImage.DockerfilePath)));

        Assert.Empty(problems);
    }

    [Fact]
    public void The_final_stage_is_the_binary_alone_as_65532_with_the_entrypoint_and_labels()
    {
        var file = SidecarImage.ReadDockerfile(RepositoryPaths.Root);
        var final = file.Final;

        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled@sha256:", final.Image, StringComparison.Ordinal);
        Assert.Equal(["COPY", "USER", "ENTRYPOINT"], final.Instructions.Select(i => i.Keyword).Where(k => k is "COPY" or "USER" or "ENTRYPOINT" or "RUN"));
        Assert.Equal("65532:65532", final.All("USER").Single().Arguments);
        Assert.Equal(["/secretbroker"], final.All("ENTRYPOINT").Single().ExecForm!);
        var labels = final.All("LABEL").SelectMany(l => l.Pairs()).Select(p => p.Key).ToList();
        Assert.Contains("org.opencontainers.image.source", labels);
        Assert.Contains("org.opencontainers.image.revision", labels);
        Assert.Contains("org.opencontainers.image.version", labels);
    }

    [Fact]
    public void The_context_leaves_out_git_and_build_output_but_keeps_what_the_build_stage_copies()
    {
        var ignore = SidecarImage.ReadDockerIgnore(RepositoryPaths.Root);

        Assert.True(ignore.Excludes(".git"));
        Assert.True(ignore.Excludes("sidecar/SecretBroker.Sidecar/bin/Release/net10.0/secretbroker.dll"));
        Assert.True(ignore.Excludes("src/SecretBroker.Core/obj/project.assets.json"));
        Assert.True(ignore.Excludes("tests/SecretBroker.EndToEnd.Tests/NativeAotPublishTests.cs"));
        Assert.False(ignore.Excludes("src/SecretBroker.Core/SecretRefreshEngine.cs"));
        Assert.False(ignore.Excludes("sidecar/SecretBroker.Sidecar/Program.cs"));
        Assert.False(ignore.Excludes("Directory.Build.props"));
    }

    /// <summary>Each rule can fail: the real Dockerfile with one thing changed is refused, with a line naming it.</summary>
    [Theory]
    [InlineData("\"-r\", \"linux-x64\"", "\"-r\", \"linux-musl-x64\"", "the publish command differs from the one CI runs")]
    [InlineData("\"-p:PublishAot=true\", ", "", "the publish command differs from the one CI runs")]
    [InlineData("USER 65532:65532", "USER root", "must run as USER 65532:65532 (found root)")]
    [InlineData("ENTRYPOINT [\"/secretbroker\"]", "ENTRYPOINT /secretbroker", "ENTRYPOINT [\"/secretbroker\"]")]
    [InlineData("CMD [\"run\"]", "CMD [\"run\"]\nRUN [\"/secretbroker\", \"version\"]", "RUN in the final stage")]
    [InlineData("CMD [\"run\"]", "CMD run", "CMD in shell form")]
    [InlineData("runtime-deps:10.0-noble-chiseled@", "runtime-deps:10.0-noble@", "neither chiseled")]
    [InlineData("sdk:10.0-noble@sha256:e70cdb7f80b0348f5cb85f19a8f670fca061f033d57eed12fa003d58b0e06317", "sdk:10.0-noble", "is not pinned by tag and digest")]
    [InlineData("org.opencontainers.image.revision=", "org.opencontainers.image.commit=", "org.opencontainers.image.revision=\"${REVISION}\"")]
    [InlineData("SourceRevisionId=${REVISION}", "", "ENV Version=${VERSION} SourceRevisionId=${REVISION}")]
    [InlineData(" SecretBrokerFlavor=${FLAVOR}", "", "ENV SecretBrokerFlavor=${FLAVOR}")]
    [InlineData("ARG FLAVOR=all", "ARG FLAVOR=files", "ARG FLAVOR default must be the all-in-one flavour all")]
    [InlineData("clang zlib1g-dev", "gcc", "the Native AOT toolchain")]
    [InlineData("COPY --from=build /out/secretbroker /secretbroker", "COPY --from=build /out/ /", "must copy only the binary")]
    [InlineData("COPY src/ src/", "COPY src/ tests/ src/", "COPY tests: .dockerignore leaves it out")]
    public void A_Dockerfile_that_breaks_a_rule_is_refused_with_a_line_naming_it(string original, string replacement, string problem)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, SidecarImage.DockerfilePath));
        Assert.Contains(original, text, StringComparison.Ordinal);

        var problems = Check(text.Replace(original, replacement, StringComparison.Ordinal));

        Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Check(string dockerfile) =>
        DockerfileRules.Problems(Dockerfile.Parse(dockerfile), SidecarImage.ReadDockerIgnore(RepositoryPaths.Root), VersionPrefix, RepositoryPaths.Root);
}
