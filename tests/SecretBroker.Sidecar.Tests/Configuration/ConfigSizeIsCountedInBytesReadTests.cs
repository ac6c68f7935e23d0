using System.Diagnostics;
using System.Net.Sockets;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

/// <summary>
/// The 1 MiB limit holds for what is read, whatever the file is: a pipe or FIFO reports no size (the limit used to be
/// checked against <c>stat</c>, so <c>--config &lt;(…)</c> bypassed it), and a device never ends.
/// </summary>
public class ConfigSizeIsCountedInBytesReadTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_FIFO_delivering_more_than_the_limit_is_refused()
    {
        using TempDirectory dir = new();
        string fifo = MakeFifo(dir, "config.yaml");
        string text = ConfigFixture.Valid + "\n#" + new string('x', 2 * SidecarSettingsLoader.MaxFileBytes) + "\n";
        Task writer = Task.Run(() => WriteIgnoringClosedReader(fifo, text));

        ConfigurationException e = await Assert.ThrowsAsync<ConfigurationException>(() => LoadAsync(fifo, Deadline));

        Assert.Equal(fifo + ":0: cannot read the file: larger than 1024 KiB; a sidecar config is a few kilobytes", e.Message);
        await writer.WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_FIFO_delivering_a_config_under_the_limit_is_read()
    {
        using TempDirectory dir = new();
        string fifo = MakeFifo(dir, "config.yaml");
        Task writer = Task.Run(() => File.WriteAllText(fifo, ConfigFixture.Valid));

        SidecarSettings settings = await LoadAsync(fifo, Deadline);

        Assert.Equal("hf-token", Assert.Single(settings.Secrets).Name);
        await writer.WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_FIFO_nobody_writes_to_times_out_instead_of_hanging()
    {
        using TempDirectory dir = new();
        string fifo = MakeFifo(dir, "config.yaml");

        ConfigurationException e = await Assert.ThrowsAsync<ConfigurationException>(() => LoadAsync(fifo, TimeSpan.FromMilliseconds(300)));

        Assert.Equal(fifo + ":0: cannot read the file: it is a pipe or FIFO and no writer delivered the file within 300ms", e.Message);
    }

    [Fact]
    public async Task A_regular_file_over_the_limit_is_refused()
    {
        using TempDirectory dir = new();
        string path = dir.Write("big.yaml", ConfigFixture.Valid + "\n#" + new string('x', SidecarSettingsLoader.MaxFileBytes) + "\n");

        ConfigurationException e = await Assert.ThrowsAsync<ConfigurationException>(() => LoadAsync(path, Deadline));

        Assert.EndsWith(":0: cannot read the file: larger than 1024 KiB; a sidecar config is a few kilobytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_of_exactly_the_limit_is_read()
    {
        using TempDirectory dir = new();
        string head = ConfigFixture.Valid + "\n#";
        string path = dir.Write("full.yaml", head + new string('x', SidecarSettingsLoader.MaxFileBytes - head.Length - 1) + "\n");
        Assert.Equal(SidecarSettingsLoader.MaxFileBytes, new FileInfo(path).Length);

        SidecarSettings settings = await LoadAsync(path, Deadline);

        Assert.Equal("hf-token", Assert.Single(settings.Secrets).Name);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/null")]
    public async Task A_device_is_refused_before_anything_is_read(string device)
    {
        ConfigurationException e = await Assert.ThrowsAsync<ConfigurationException>(() => LoadAsync(device, Deadline));

        Assert.Equal(device + ":0: cannot read the file: it is a device, not a file", e.Message);
    }

    [Fact]
    public async Task A_unix_socket_is_refused()
    {
        using TempDirectory dir = new();
        string path = Path.Combine(dir.Path, "s.sock");
        using Socket socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        ConfigurationException e = await Assert.ThrowsAsync<ConfigurationException>(() => LoadAsync(path, Deadline));

        Assert.Equal(path + ":0: cannot read the file: nothing to open there (a socket, or a device that is not present)", e.Message);
    }

    // On a worker thread with a deadline: before the fix a FIFO without a writer blocked open(2) for ever.
    private static Task<SidecarSettings> LoadAsync(string path, TimeSpan pipeWait) =>
        Task.Run(() => SidecarSettingsLoader.Load(path, pipeWait, TimeProvider.System)).WaitAsync(pipeWait + Deadline);

    private static string MakeFifo(TempDirectory dir, string name)
    {
        string path = Path.Combine(dir.Path, name);
        using Process mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private static void WriteIgnoringClosedReader(string fifo, string text)
    {
        try
        {
            File.WriteAllText(fifo, text);
        }
        catch (IOException)
        {
            // The reader stops at the limit and closes its end: EPIPE here is the expected outcome.
        }
    }
}
