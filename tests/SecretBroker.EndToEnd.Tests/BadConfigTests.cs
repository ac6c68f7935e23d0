using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>A bad config is reported with its key and line, exits 2 and starts nothing.</summary>
public sealed class BadConfigTests
{
    [Fact]
    public async Task A_bad_refresh_value_exits_2_naming_the_key_and_line_and_writes_nothing()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1));
        var lines = File.ReadAllLines(setup.ConfigPath).ToList();
        var refreshLine = lines.FindIndex(l => l.TrimStart().StartsWith("refresh:", StringComparison.Ordinal));
        lines[refreshLine] = "    refresh: often";
        File.WriteAllLines(setup.ConfigPath, lines);

        var (exitCode, stdout, stderr) = await SidecarProcess.RunToEndAsync(["run", "--config", setup.ConfigPath], TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        var all = stdout + stderr;
        Assert.Contains("secrets[0].refresh", all, StringComparison.Ordinal);
        Assert.Contains($":{refreshLine + 1}:", all, StringComparison.Ordinal);
        Assert.False(Directory.Exists(setup.OutputDirectory), "the output directory was created although the config was rejected");
    }

    [Fact]
    public async Task An_output_directory_on_a_persistent_disk_is_refused_unless_allowed()
    {
        using var setup = new LocalSidecarSetup();
        using var disk = TempDirectory.OnDisk();
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1));
        File.WriteAllText(config, File.ReadAllText(config).Replace(setup.OutputDirectory, disk.Combine("secrets"), StringComparison.Ordinal));

        var (exitCode, stdout, stderr) = await SidecarProcess.RunToEndAsync(["run", "--config", config], TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Contains("tmpfs", stdout + stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(disk.Combine("secrets", "hf-token")));
    }

    [Fact]
    public async Task A_missing_config_file_exits_2_and_says_which_file()
    {
        var missing = $"/dev/shm/does-not-exist-{Guid.NewGuid():N}.yaml";

        var (exitCode, stdout, stderr) = await SidecarProcess.RunToEndAsync(["run", "--config", missing], TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Contains(missing, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_config_path_may_come_from_SECRETBROKER_CONFIG()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1));

        var (exitCode, stdout, _) = await SidecarProcess.RunToEndAsync(["check"], TimeSpan.FromSeconds(30), environment: new Dictionary<string, string> { ["SECRETBROKER_CONFIG"] = config });

        Assert.Equal(0, exitCode);
        Assert.Contains("hf-token", stdout, StringComparison.Ordinal);
    }
}
