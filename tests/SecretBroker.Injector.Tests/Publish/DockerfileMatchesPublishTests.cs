using System.Text.Json;
using System.Text.RegularExpressions;
using SecretBroker.Deploy.Tests.Infrastructure;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Publish;

/// <summary>There is no Docker engine in CI: the Dockerfile is kept honest by running its publish line here.</summary>
public sealed partial class DockerfileMatchesPublishTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "sidecar", "SecretBroker.Injector", "Dockerfile"));

    [Fact]
    public void The_dockerfile_publishes_with_exactly_the_command_line_the_publish_test_runs()
    {
        Match publish = PublishLine().Match(Dockerfile);
        Assert.True(publish.Success, "no exec-form `RUN [\"dotnet\", \"publish\", …]` line in the Dockerfile");

        string[] run = JsonSerializer.Deserialize<string[]>(publish.Groups["command"].Value)!;
        Assert.Equal(["dotnet", .. InjectorPublishCommand.Arguments, "--artifacts-path", "/artifacts", "-o", "/out"], run);
    }

    [Fact]
    public void The_image_runs_the_binary_as_65532_without_a_shell()
    {
        Assert.Contains($"ENTRYPOINT [\"/{InjectorPublishCommand.BinaryName}\"]", Dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^USER 65532:65532\s*$", Dockerfile);
        Assert.Matches(@"(?m)^FROM \S+chiseled\S* AS final\s*$", Dockerfile);
        foreach (string label in new[] { "org.opencontainers.image.source", "org.opencontainers.image.revision", "org.opencontainers.image.version" })
        {
            Assert.Contains(label, Dockerfile, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"(?m)^RUN (?<command>\[""dotnet"", ""publish"",[^\n]+\])\s*$")]
    private static partial Regex PublishLine();
}
