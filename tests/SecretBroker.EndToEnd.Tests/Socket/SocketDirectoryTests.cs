using System.Diagnostics;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Socket;

/// <summary>
/// Issue #8 item 4, server side: directories the sidecar creates for its socket get its own mode whatever the umask,
/// and a socket directory others could replace the socket in is refused (exit 2) unless <c>allowSharedDir: true</c>.
/// </summary>
public sealed class SocketDirectoryTests
{
    [Theory]
    [InlineData(null, "755")]
    [InlineData(65534, "750")]
    public async Task Under_umask_0_the_directories_created_for_the_socket_get_the_sidecars_own_mode(int? group, string mode)
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        var socket = run.Combine("a", "b", "broker.sock");
        setup.SetSource("hf-token", "v");
        var groupKey = group is null ? string.Empty : $"\n    group: {group}";
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1), extraFilesKeys: $"  socket:\n    path: {socket}{groupKey}");

        // The container default: umask 0. The sidecar must not leave world-writable directories behind.
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", "umask 0 && exec \"$0\" \"$@\"", RepositoryPaths.DotnetHost, RepositoryPaths.SidecarDll, "run", "--config", config })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        try
        {
            await Eventually.HoldsAsync(() => File.Exists(socket), TimeSpan.FromSeconds(20), "the socket to be bound");

            Assert.Equal(Mode(mode), File.GetUnixFileMode(run.Combine("a")));
            Assert.Equal(Mode(mode), File.GetUnixFileMode(run.Combine("a", "b")));
            if (group is { } gid)
            {
                Assert.Equal(gid, GroupOf(run.Combine("a", "b")));
            }
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("777")]
    [InlineData("775")]
    public async Task A_socket_directory_others_can_write_is_refused_with_exit_2(string mode)
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        File.SetUnixFileMode(run.Path, Mode(mode));
        var socket = run.Combine("broker.sock");
        setup.SetSource("hf-token", "v");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1), extraFilesKeys: $"  socket:\n    path: {socket}");

        var (exitCode, _, stderr) = await SidecarProcess.RunToEndAsync(["run", "--config", config], TimeSpan.FromSeconds(20));

        Assert.Equal(2, exitCode);
        Assert.Contains(run.Path, stderr, StringComparison.Ordinal);
        Assert.Contains("can be written by other users", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(socket));
    }

    [Fact]
    public async Task A_sticky_directory_owned_by_the_sidecar_is_accepted()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        File.SetUnixFileMode(run.Path, Mode("1777"));
        var socket = run.Combine("broker.sock");
        setup.SetSource("hf-token", "v");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1), extraFilesKeys: $"  socket:\n    path: {socket}");
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);

        await sidecar.WaitForLogAsync("\"EventId\":4000", TimeSpan.FromSeconds(20));
    }

    private static int GroupOf(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%g", path]) { RedirectStandardOutput = true })!;
        var text = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return int.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);
}
