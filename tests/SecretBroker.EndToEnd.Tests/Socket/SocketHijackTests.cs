using System.Text;
using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Socket;

/// <summary>
/// Issue #8 item 4, client side: <c>get</c>, <c>probe</c> and the provider check who serves the socket (SO_PEERCRED)
/// against the expected uid — configured, else the socket file's owner — and refuse an impostor by name, or a socket
/// whose directory lets others replace it when no uid is configured.
/// </summary>
public sealed class SocketHijackTests
{
    private static readonly Dictionary<string, string> ExpectRoot = new() { ["SECRETBROKER_SOCKET_UID"] = "0" };

    [Fact]
    public async Task A_listener_of_another_uid_is_refused_by_get_probe_and_the_provider()
    {
        using var run = TempDirectory.OnTmpfs();
        File.SetUnixFileMode(run.Path, Mode("777")); // uid 65534 may bind here
        var socket = run.Combine("broker.sock");
        await using var impostor = OtherUid.Start("impostor_socket.py", socket);
        await impostor.WaitReadyAsync();

        var get = await SidecarCli.RunAsync(["get", "hf-token", "--socket", socket], ExpectRoot);
        Assert.Equal(1, get.ExitCode);
        Assert.Empty(get.Stdout);
        Assert.Contains("served by uid 65534", get.Stderr, StringComparison.Ordinal);
        Assert.Contains("expected sidecar uid 0", get.Stderr, StringComparison.Ordinal);

        var getByOption = await SidecarCli.RunAsync(["get", "hf-token", "--socket", socket, "--socket-uid", "0"]);
        Assert.Equal(1, getByOption.ExitCode);
        Assert.Contains("served by uid 65534", getByOption.Stderr, StringComparison.Ordinal);

        var probe = await SidecarCli.RunAsync(["probe", "ready", "--socket", socket], ExpectRoot);
        Assert.Equal(1, probe.ExitCode);
        Assert.Contains("served by uid 65534", probe.Stderr, StringComparison.Ordinal);

        var refused = Assert.Throws<SidecarSocketException>(() => new ConfigurationBuilder()
            .AddSecretBrokerSidecar(s => { s.SocketPath = socket; s.SocketUid = 0; s.Optional = true; })
            .Build());
        Assert.Equal(SidecarSocketFailure.Impostor, refused.Failure);
        Assert.Contains("served by uid 65534", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_uid_the_socket_files_owner_is_expected()
    {
        using var run = TempDirectory.OnTmpfs();
        File.SetUnixFileMode(run.Path, Mode("777"));
        var socket = run.Combine("broker.sock");
        await using var impostor = OtherUid.Start("impostor_socket.py", socket);
        await impostor.WaitReadyAsync();

        // The directory is root's and closed again, and the socket file made root's: only SO_PEERCRED tells.
        File.SetUnixFileMode(run.Path, Mode("755"));
        await ChownAsync(socket, 0);

        var get = await SidecarCli.RunAsync(["get", "hf-token", "--socket", socket]);
        Assert.Equal(1, get.ExitCode);
        Assert.Empty(get.Stdout);
        Assert.Contains("served by uid 65534", get.Stderr, StringComparison.Ordinal);

        var probe = await SidecarCli.RunAsync(["probe", "live", "--socket", socket]);
        Assert.Equal(1, probe.ExitCode);

        var refused = Assert.Throws<SidecarSocketException>(() => new ConfigurationBuilder()
            .AddSecretBrokerSidecar(s => s.SocketPath = socket)
            .Build());
        Assert.Equal(SidecarSocketFailure.Impostor, refused.Failure);
    }

    [Fact]
    public async Task A_socket_renamed_aside_in_a_shared_directory_is_refused_and_the_real_sidecar_accepted()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        File.SetUnixFileMode(run.Path, Mode("777"));
        var socket = run.Combine("broker.sock");
        setup.SetSource("hf-token", "real-value");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1),
            extraFilesKeys: $"  socket:\n    path: {socket}\n    mode: \"0666\"\n    allowSharedDir: true");
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));

        // No uid configured: in a directory anyone can write, the owner proves nothing.
        var unverifiable = await SidecarCli.RunAsync(["get", "hf-token", "--socket", socket]);
        Assert.Equal(1, unverifiable.ExitCode);
        Assert.Contains("SECRETBROKER_SOCKET_UID", unverifiable.Stderr, StringComparison.Ordinal);

        var real = await SidecarCli.RunAsync(["get", "hf-token", "--socket", socket], ExpectRoot);
        Assert.Equal(0, real.ExitCode);
        Assert.Equal("real-value", Encoding.UTF8.GetString(real.Stdout));

        await using var impostor = OtherUid.Start("impostor_socket.py", socket, "--rename-aside");
        await impostor.WaitReadyAsync();

        var hijacked = await SidecarCli.RunAsync(["get", "hf-token", "--socket", socket], ExpectRoot);
        Assert.Equal(1, hijacked.ExitCode);
        Assert.Empty(hijacked.Stdout);
        Assert.Contains("served by uid 65534", hijacked.Stderr, StringComparison.Ordinal);
        var probe = await SidecarCli.RunAsync(["probe", "ready", "--socket", socket], ExpectRoot);
        Assert.Equal(1, probe.ExitCode);
    }

    [Fact]
    public async Task A_private_socket_directory_inside_a_shared_one_proves_nothing_without_a_configured_uid()
    {
        using var setup = new LocalSidecarSetup();
        using var run = TempDirectory.OnTmpfs();
        File.SetUnixFileMode(run.Path, Mode("777")); // an emptyDir: anyone may rename "private" aside
        var socket = run.Combine("private", "broker.sock");
        setup.SetSource("hf-token", "real-value");
        var config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1), extraFilesKeys: $"  socket:\n    path: {socket}\n    mode: \"0666\"\n    allowSharedDir: true");
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));

        var unverifiable = await SidecarCli.RunAsync(["get", "hf-token", "--socket", socket]);
        Assert.Equal(1, unverifiable.ExitCode);
        Assert.Contains($"lies under {run.Path}", unverifiable.Stderr, StringComparison.Ordinal);
        Assert.Contains("SECRETBROKER_SOCKET_UID", unverifiable.Stderr, StringComparison.Ordinal);

        var real = await SidecarCli.RunAsync(["get", "hf-token", "--socket", socket], ExpectRoot);
        Assert.Equal(0, real.ExitCode);
        Assert.Equal("real-value", Encoding.UTF8.GetString(real.Stdout));
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);

    private static async Task ChownAsync(string path, int uid)
    {
        using var chown = System.Diagnostics.Process.Start("chown", ["-h", uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path])!;
        await chown.WaitForExitAsync();
        Assert.Equal(0, chown.ExitCode);
    }
}
