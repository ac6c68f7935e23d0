using System.Text.RegularExpressions;
using System.Xml.Linq;
using SecretBroker.Deploy.Tests.Infrastructure;
using SecretBroker.EndToEnd.Tests.Image;

namespace SecretBroker.Injector.Tests.Publish;

/// <summary>
/// There is no Docker engine in CI: the injector's Dockerfile is held to the sidecar image's conventions, read with the
/// image tests' own parsers, and its publish line is the one the publish test runs.
/// </summary>
public sealed partial class DockerfileMatchesPublishTests
{
    private const string DockerfilePath = "sidecar/SecretBroker.Injector/Dockerfile";
    private static readonly Dockerfile File = Dockerfile.Parse(System.IO.File.ReadAllText(Path.Combine(RepositoryPaths.Root, DockerfilePath)));

    [Fact]
    public void The_build_stage_publishes_with_exactly_the_command_line_the_publish_test_runs()
    {
        DockerStage build = File.Stages[0];
        DockerInstruction publish = Assert.Single(build.All("RUN"), static r => r.ExecForm is ["dotnet", "publish", ..]);

        Assert.Equal(["dotnet", .. InjectorPublishCommand.Arguments, "--artifacts-path", "/artifacts", "-o", "/out"], publish.ExecForm);
        Assert.Contains(build.All("RUN"), static r => r.Arguments.Contains("clang", StringComparison.Ordinal) && r.Arguments.Contains("zlib1g-dev", StringComparison.Ordinal));
    }

    [Fact]
    public void What_the_build_stage_copies_exists_and_is_in_the_build_context()
    {
        DockerIgnore ignore = DockerIgnore.Parse(System.IO.File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".dockerignore")));
        string[] sources = [.. File.Stages[0].All("COPY").SelectMany(static c => c.SplitFlags().Words.SkipLast(1)).Select(static w => w.TrimEnd('/'))];

        Assert.Contains("sidecar/SecretBroker.Injector", sources);
        Assert.All(sources, source =>
        {
            Assert.True(Path.Exists(Path.Combine(RepositoryPaths.Root, source)), $"COPY {source}: no such path");
            Assert.False(ignore.Excludes(source), $"COPY {source}: .dockerignore leaves it out");
        });
    }

    [Fact]
    public void The_build_stage_copies_every_project_and_linked_file_the_injector_compiles()
    {
        // The injector compiles in the sidecar's Vault-annotation converter and references Core: a COPY missing one of
        // them would build here (the whole repository is on disk) and fail only in `docker build`.
        string project = Path.Combine(RepositoryPaths.Root, "sidecar", "SecretBroker.Injector");
        XDocument csproj = XDocument.Load(Path.Combine(project, "SecretBroker.Injector.csproj"));
        string[] needed =
        [
            .. csproj.Descendants("Compile").Concat(csproj.Descendants("ProjectReference"))
                .Select(static e => (string)e.Attribute("Include")!)
                .Select(include => Path.GetRelativePath(RepositoryPaths.Root, Path.GetFullPath(Path.Combine(project, include))))
                .Select(static path => path.EndsWith(".csproj", StringComparison.Ordinal) ? Path.GetDirectoryName(path)! : path),
        ];
        string[] copied = [.. File.Stages[0].All("COPY").SelectMany(static c => c.SplitFlags().Words.SkipLast(1)).Select(static w => w.TrimEnd('/'))];

        Assert.Contains("src/SecretBroker.Core", needed);
        Assert.Contains("sidecar/SecretBroker.Sidecar/Conversion/VaultAnnotationConverter.cs", needed);
        Assert.All(needed, path => Assert.True(
            copied.Any(c => path == c || path.StartsWith(c + "/", StringComparison.Ordinal)), $"{path}: the injector compiles it, and the Dockerfile does not copy it"));
    }

    [Fact]
    public void Every_base_image_is_pinned_by_tag_and_digest()
    {
        Assert.All(File.Stages, static stage => Assert.Matches(PinnedImage(), stage.Image));
    }

    [Fact]
    public void The_final_stage_is_the_binary_alone_on_a_chiseled_base_as_65532_without_a_shell()
    {
        DockerStage final = File.Final;

        Assert.Matches("^mcr\\.microsoft\\.com/dotnet/runtime-deps:[^@\\s]*-chiseled@", final.Image);
        Assert.Empty(final.All("RUN"));
        Assert.Equal(["/out/secretbroker-injector", "/secretbroker-injector"], Assert.Single(final.All("COPY")).SplitFlags().Words);
        Assert.Equal("65532:65532", final.All("USER").Last().Arguments);
        Assert.Equal([$"/{InjectorPublishCommand.BinaryName}"], Assert.Single(final.All("ENTRYPOINT")).ExecForm);
        Dictionary<string, string?> labels = final.All("LABEL").SelectMany(static l => l.Pairs()).ToDictionary(static p => p.Key, static p => p.Value);
        foreach ((string label, string arg) in new[] { ("source", "SOURCE"), ("revision", "REVISION"), ("version", "VERSION") })
        {
            Assert.Equal("${" + arg + "}", labels["org.opencontainers.image." + label]);
            Assert.True(final.ArgDefaults().ContainsKey(arg), $"no ARG {arg} in the final stage");
        }
    }

    [GeneratedRegex(@"^[^\s@]+:[^\s@/:]+@sha256:[0-9a-f]{64}$")]
    private static partial Regex PinnedImage();
}
