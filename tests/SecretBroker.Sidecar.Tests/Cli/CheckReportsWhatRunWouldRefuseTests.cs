using SecretBroker.Sidecar.Tests.Configuration;

namespace SecretBroker.Sidecar.Tests.Cli;

/// <summary>
/// <c>check</c> and <c>run</c> pass the same startup preflight: whatever would stop <c>run</c> (a refused output
/// directory, a backend's missing identity) fails <c>check</c> too, in the same <c>FILE:LINE: key: problem</c> form,
/// every problem at once, exit 2, nothing started or written. A CI gate on <c>check</c> cannot go green on a config <c>run</c> refuses.
/// </summary>
public class CheckReportsWhatRunWouldRefuseTests
{
    // Beside the test assembly: on the build's disk, never tmpfs.
    private static readonly string OnDisk = Path.Combine(AppContext.BaseDirectory, "secretbroker-never-created");

    public static TheoryData<string, string> NotTmpfs()
    {
        TheoryData<string, string> data = [];
        foreach (string command in new[] { "check", "run" })
        {
            foreach (string dir in new[] { OnDisk, "/", "/etc", "/proc/self" })
            {
                data.Add(command, dir);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NotTmpfs))]
    public async Task An_output_directory_not_on_tmpfs_exits_2_naming_the_key_and_line(string command, string outputDir)
    {
        using TempDirectory dir = new(onTmpfs: true);
        string config = dir.Write("secretbroker.yaml", ConfigFixture.Valid.Replace("/dev/shm/secretbroker-test", outputDir, StringComparison.Ordinal));

        CliResult result = await new CliRunner().RunAsync(command, "--config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"secretbroker {command}: the configuration cannot be used here; nothing was started", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{config}:11: outputs.files.dir: '{outputDir}' is not on tmpfs", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.False(Directory.Exists(OnDisk));
    }

    [Fact]
    public async Task Every_startup_problem_is_reported_at_once_and_run_and_check_report_the_same()
    {
        using TempDirectory dir = new(onTmpfs: true);
        string disk = OnDisk;

        // An emptyDir-like socket directory: anyone could replace the socket in it.
        string shared = Path.Combine(dir.Path, "shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)0b111_111_111);
        string config = dir.Write("secretbroker.yaml", $"""
            backends:
              models:
                type: aws-secrets-manager
                region: us-west-2
                identity: irsa
                roleArn: arn:aws:iam::111122223333:role/broker
                webIdentityTokenFile: {dir.Path}/missing-token
              weights:
                type: aws-secrets-manager
                region: eu-west-1
                identity: pod-identity
              local:
                type: file
                path: ./secrets
            secrets:
              - name: hf-token
                backend: models
                id: prod/huggingface
            outputs:
              files:
                dir: {disk}
              socket:
                path: {shared}/broker.sock
            """);

        CliResult check = await new CliRunner().RunAsync("check", "--config", config);
        CliResult run = await new CliRunner().RunAsync("run", "--config", config);

        Assert.Equal(2, check.ExitCode);
        string[] problems = check.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Collection(
            problems,
            p => Assert.StartsWith($"{config}:2: backends.models: AWS identity 'irsa'", p, StringComparison.Ordinal),
            p => Assert.StartsWith($"{config}:8: backends.weights: AWS identity 'pod-identity'", p, StringComparison.Ordinal),
            p => Assert.StartsWith($"{config}:21: outputs.files.dir: '{disk}' is not on tmpfs", p, StringComparison.Ordinal),
            p => Assert.StartsWith($"{config}:23: outputs.socket.path: the directory {shared} (mode 0777) can be written by other users", p, StringComparison.Ordinal));
        Assert.False(Path.Exists(Path.Combine(shared, "broker.sock.lock")), "the preflight locked or bound something");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(check.Error.Replace("secretbroker check:", "secretbroker run:", StringComparison.Ordinal), run.Error);
        Assert.Empty(check.Output);
        Assert.Empty(run.Output);
        Assert.False(Directory.Exists(disk));
    }

    [Fact]
    public async Task Config_errors_in_every_section_are_reported_at_once_before_the_environment_is_checked()
    {
        using TempDirectory dir = new(onTmpfs: true);
        string config = dir.Write("secretbroker.yaml", """
            backends:
              local:
                type: file
                pth: ./secrets
            secrets:
              - name: Bad_Name
                backend: nowhere
                id: x
                refresh: often
            outputs:
              files:
                dir: /etc
                fileMode: "0777"
              socket:
                path: /dev/shm/x.sock
                maxConnections: 0
              http:
                listen: 10.0.0.1:80
            """);

        CliResult result = await new CliRunner().RunAsync("check", "--config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("secretbroker check: invalid configuration; nothing was started", result.Error, StringComparison.Ordinal);
        string[] keys = ["backends.local.pth", "secrets[0].name", "secrets[0].backend", "secrets[0].refresh", "outputs.files.fileMode", "outputs.socket.maxConnections", "outputs.http.listen"];
        foreach (string key in keys)
        {
            Assert.Contains($": {key}: ", result.Error, StringComparison.Ordinal);
        }

        // /etc is not on tmpfs either, but the environment is checked only once the config itself is valid.
        Assert.DoesNotContain("outputs.files.dir", result.Error, StringComparison.Ordinal);
    }
}
