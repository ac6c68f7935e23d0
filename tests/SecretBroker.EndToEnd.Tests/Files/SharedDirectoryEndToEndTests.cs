using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Files;

/// <summary>Issue #8, item 10: a shared directory is refused unless allowed, and what the sidecar creates never depends on the umask.</summary>
public sealed class SharedDirectoryEndToEndTests
{
    private static void Chown(string path)
    {
        using var chown = System.Diagnostics.Process.Start("chown", ["4321:4321", path]);
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }

    private const UnixFileMode Sticky1777 = (UnixFileMode)0b1_111_111_111;

    [Fact]
    public async Task A_world_writable_sticky_directory_is_refused_with_exit_2_and_accepted_with_allowSharedDir()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        Directory.CreateDirectory(setup.OutputDirectory);
        File.SetUnixFileMode(setup.OutputDirectory, Sticky1777);
        string config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1));

        var (code, _, stderr) = await SidecarProcess.RunToEndAsync(["run", "--config", config], TimeSpan.FromSeconds(30));

        Assert.Equal(2, code);
        Assert.Contains("writable by other users (mode 1777)", stderr, StringComparison.Ordinal);
        Assert.Contains("allowSharedDir", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(setup.OutputDirectory));

        config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1), extraFilesKeys: "    allowSharedDir: true");
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_value", TimeSpan.FromSeconds(30), "delivery to the allowed shared directory");
    }

    [Fact]
    public async Task In_an_allowed_shared_directory_another_uids_dot_dot_entries_are_never_removed()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        Directory.CreateDirectory(setup.OutputDirectory);
        File.SetUnixFileMode(setup.OutputDirectory, Sticky1777);
        string foreignGeneration = Path.Combine(setup.OutputDirectory, "..2030_01_01_00_00_00.0000000.deadbeef");
        string foreignFile = Path.Combine(setup.OutputDirectory, "..their-state");
        Directory.CreateDirectory(foreignGeneration);
        File.WriteAllText(foreignFile, "theirs");
        Chown(foreignGeneration);
        Chown(foreignFile);
        string config = setup.WriteConfig(["hf-token"], TimeSpan.FromMilliseconds(300), extraFilesKeys: "    allowSharedDir: true");

        await using (var sidecar = SidecarProcess.Start(["run", "--config", config]))
        {
            await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_value", TimeSpan.FromSeconds(30), "the value delivered");
            setup.SetSource("hf-token", "hf_rotated");
            await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_rotated", TimeSpan.FromSeconds(10), "a rotation (another sweep)");
            Assert.True(Directory.Exists(foreignGeneration), "another uid's generation-named directory was removed");
            Assert.True(File.Exists(foreignFile), "another uid's file was removed");
            await sidecar.WaitForLogAsync("\"EventId\":2014", TimeSpan.FromSeconds(5));
            sidecar.Signal(Posix.SigTerm);
            Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.True(Directory.Exists(foreignGeneration));
        Assert.Equal("theirs", File.ReadAllText(foreignFile));
    }

    [Fact]
    public async Task Under_umask_0_missing_parents_are_created_0755_and_the_directory_with_dirMode()
    {
        using var setup = new LocalSidecarSetup();
        using var root = TempDirectory.OnTmpfs();
        File.SetUnixFileMode(root.Path, (UnixFileMode)0b111_101_101);
        setup.SetSource("hf-token", "hf_value");
        string dir = root.Combine("made", "by", "sidecar");
        string config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1));
        File.WriteAllText(config, File.ReadAllText(config).Replace(setup.OutputDirectory, dir, StringComparison.Ordinal));

        SidecarProcess sidecar;
        using (new ProcessUmask(0))
        {
            sidecar = SidecarProcess.Start(["run", "--config", config]);
        }

        await using (sidecar)
        {
            await Eventually.HoldsAsync(() => Eventually.ReadOrNull(Path.Combine(dir, "hf-token")) == "hf_value", TimeSpan.FromSeconds(30), "the value delivered");
        }

        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(root.Combine("made")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(root.Combine("made", "by")));
        Assert.Equal((UnixFileMode)0b111_101_000, File.GetUnixFileMode(dir));
    }
}
