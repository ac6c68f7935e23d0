using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

public class ErrorReportTests
{
    [Fact]
    public void Every_problem_is_reported_at_once_one_per_line_in_file_order()
    {
        const string config = """
            backends:
              local: { type: file, path: ./s }
            secrets:
              - name: Bad_Name
                backend: nowhere
                id: x
                refresh: 5x
            outputs:
              files: { dir: /dev/shm/x, fileMode: "0666" }
            """;
        using TempDirectory dir = new();
        string path = dir.Write("secretbroker.yaml", config);

        ConfigurationException e = Assert.Throws<ConfigurationException>(() => SidecarSettingsLoader.Load(path));

        Assert.Equal(
            [
                $"{path}:4: secrets[0].name: 'Bad_Name' is not a valid secret name (pattern {SecretName.Pattern}, at most 253 characters)",
                $"{path}:5: secrets[0].backend: 'nowhere' does not name a backend (defined: local)",
                $"{path}:7: secrets[0].refresh: '5x' is not a duration (use 30s, 5m, 1h, or an ISO-8601 duration)",
                $"{path}:9: outputs.files.fileMode: '0666' grants permissions to others; secrets are for the owner and group only (e.g. 0440 / 0750)",
            ],
            e.Message.Split('\n'));
    }

    [Fact]
    public void The_file_is_named_as_the_user_gave_it()
    {
        using TempDirectory dir = new();
        dir.Write("secretbroker.yaml", "secrets: []");
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(dir.Path, "secretbroker.yaml"));

        ConfigurationException e = Assert.Throws<ConfigurationException>(() => SidecarSettingsLoader.Load(relative));

        Assert.StartsWith(relative + ":", e.Message, StringComparison.Ordinal);
    }
}
