using System.Globalization;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>
/// (#11 point 6) <c>secretbroker run --once</c>, for init containers: load every secret, write the files output as one
/// ordinary generation, start no listener, exit 0; exit 1 naming a required secret that cannot be loaded (nothing
/// written, no value printed); exit 2 for a bad config or one without a files output.
/// </summary>
public sealed class RunOnceTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Once_writes_one_normal_generation_with_the_usual_modes_starts_no_listener_and_exits_0()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        var socket = run.Combine("broker.sock");
        setup.SetSource("hf-token", "hf_once_value");
        setup.SetSource("api-key", "key_once_value");
        var config = WriteConfig(setup, socket, ("hf-token", true), ("api-key", true));

        var once = await SidecarProcess.RunToEndAsync(["run", "--once", "--config", config], Deadline);

        Assert.True(once.ExitCode == 0, once.Stderr + once.Stdout);
        Assert.Empty(once.Stderr);
        Assert.Equal("hf_once_value", File.ReadAllText(Path.Combine(setup.OutputDirectory, "hf-token")));
        Assert.Equal("key_once_value", File.ReadAllText(Path.Combine(setup.OutputDirectory, "api-key")));

        // The kubelet's layout, as run writes it: <name> -> ..data/<name>, ..data -> the one generation directory.
        var generation = Assert.Single(Directory.GetDirectories(setup.OutputDirectory, "..2*"));
        Assert.Equal(Path.GetFileName(generation), new FileInfo(Path.Combine(setup.OutputDirectory, "..data")).LinkTarget);
        Assert.Equal("..data/hf-token", new FileInfo(Path.Combine(setup.OutputDirectory, "hf-token")).LinkTarget);
        Assert.Equal(Mode("0440"), File.GetUnixFileMode(Path.Combine(generation, "hf-token")));
        Assert.Equal(Mode("0750"), File.GetUnixFileMode(setup.OutputDirectory));

        // Nothing listened: no socket file, neither listener's "listening" line (socket 4000, loopback HTTP 4100).
        Assert.False(File.Exists(socket), "run --once bound the socket");
        Assert.DoesNotContain("\"EventId\":4000,", once.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"EventId\":4100,", once.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"EventId\":3040,", once.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("hf_once_value", once.Stdout, StringComparison.Ordinal);

        // The files stay after the process is gone, and a sidecar started later adopts them as its own generation.
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));
        Assert.Contains("\"EventId\":2003,", sidecar.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("\"EventId\":2000,", sidecar.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_required_secret_that_cannot_be_loaded_exits_1_naming_it_and_nothing_is_written()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        setup.SetSource("hf-token", "hf_once_value");
        var config = WriteConfig(setup, run.Combine("broker.sock"), ("hf-token", true), ("absent", true));

        var once = await SidecarProcess.RunToEndAsync(["run", "--once", "--config", config], Deadline);

        Assert.Equal(1, once.ExitCode);
        var line = Assert.Single(once.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("secretbroker run --once: required secret 'absent' (backend local) could not be loaded: ", line, StringComparison.Ordinal);
        Assert.EndsWith("; nothing was written", line, StringComparison.Ordinal);
        Assert.Contains("\"EventId\":3041,", once.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("hf_once_value", once.Stdout + once.Stderr, StringComparison.Ordinal);
        Assert.False(Path.Exists(Path.Combine(setup.OutputDirectory, "..data")), "a generation was published although a required secret failed");
        Assert.False(Path.Exists(Path.Combine(setup.OutputDirectory, "hf-token")));
    }

    [Fact]
    public async Task An_optional_secret_that_cannot_be_loaded_is_left_out_and_the_exit_is_0()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        setup.SetSource("hf-token", "hf_once_value");
        var config = WriteConfig(setup, run.Combine("broker.sock"), ("hf-token", true), ("extra", false));

        var once = await SidecarProcess.RunToEndAsync(["run", "--once", "--config", config], Deadline);

        Assert.True(once.ExitCode == 0, once.Stderr + once.Stdout);
        Assert.Equal("hf_once_value", File.ReadAllText(Path.Combine(setup.OutputDirectory, "hf-token")));
        Assert.False(Path.Exists(Path.Combine(setup.OutputDirectory, "extra")));
        Assert.Contains("\"EventId\":3042,", once.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_without_a_files_output_or_with_an_error_exits_2_and_writes_nothing()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        setup.SetSource("hf-token", "hf_once_value");
        var socketOnly = run.Combine("socket-only.yaml");
        File.WriteAllText(socketOnly, string.Create(CultureInfo.InvariantCulture,
            $"backends:\n  local:\n    type: file\n    path: {setup.SourceDirectory}\nsecrets:\n  - name: hf-token\n    backend: local\n    id: hf-token\noutputs:\n  socket:\n    path: {run.Combine("broker.sock")}\n"));
        var invalid = run.Combine("invalid.yaml");
        File.WriteAllText(invalid, File.ReadAllText(WriteConfig(setup, run.Combine("broker.sock"), ("hf-token", true))) + "colour: blue\n");

        var noFiles = await SidecarProcess.RunToEndAsync(["run", "--once", "--config", socketOnly], Deadline);
        var bad = await SidecarProcess.RunToEndAsync(["run", "--once", "--config", invalid], Deadline);

        Assert.Equal((2, 2), (noFiles.ExitCode, bad.ExitCode));
        Assert.Equal($"secretbroker run --once: {socketOnly}: outputs.files: not configured; --once writes only the files output, so it needs one", noFiles.Stderr.Trim());
        Assert.Contains($"{invalid}:", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("colour", bad.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(run.Combine("broker.sock")));
        Assert.False(Path.Exists(setup.OutputDirectory), "a refused run --once created the files directory");
    }

    [Fact]
    public async Task Run_help_describes_once()
    {
        var help = await SidecarProcess.RunToEndAsync(["run", "--help"], Deadline);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--once", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("Load every secret once, write the files output (outputs.files) and exit: for init containers.", help.Stdout, StringComparison.Ordinal);
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);

    /// <summary>Files, socket and loopback HTTP outputs (the sidecar's own config, reused by the init container).</summary>
    private static string WriteConfig(LocalSidecarSetup setup, string socket, params (string Name, bool Required)[] secrets)
    {
        var yaml = new System.Text.StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"backends:\n  local:\n    type: file\n    path: {setup.SourceDirectory}\nsecrets:\n");
        foreach (var (name, required) in secrets)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - name: {name}\n    backend: local\n    id: {name}\n    required: {(required ? "true" : "false")}\n");
        }

        yaml.Append(CultureInfo.InvariantCulture, $"outputs:\n  files:\n    dir: {setup.OutputDirectory}\n  socket:\n    path: {socket}\n  http:\n    listen: 127.0.0.1:0\n");
        File.WriteAllText(setup.ConfigPath, yaml.ToString());
        return setup.ConfigPath;
    }
}
