using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Native;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

/// <summary>
/// A socket directory that others could write to (or that another uid owns) would let them rename the socket aside and
/// bind their own: refused unless sticky and ours, or <c>allowSharedDir: true</c>.
/// </summary>
public sealed class SocketDirectoryPolicyTests : IDisposable
{
    private readonly TempDirectory _root = new(onTmpfs: true);

    [Theory]
    [InlineData("0777")]
    [InlineData("0775")]
    [InlineData("0757")]
    public void A_directory_writable_by_others_is_refused(string mode)
    {
        string directory = Directory(mode);

        string problem = Assert.Single(SocketDirectoryPolicy.Problems(Socket(directory)));

        Assert.Contains(directory, problem, StringComparison.Ordinal);
        Assert.Contains("can be written by other users", problem, StringComparison.Ordinal);
        Assert.Contains("allowSharedDir", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sticky_shared_directory_owned_by_the_sidecar_is_accepted() =>
        Assert.Empty(SocketDirectoryPolicy.Problems(Socket(Directory("1777"))));

    [Fact]
    public void A_sticky_shared_directory_owned_by_someone_else_is_refused()
    {
        string directory = Directory("1777");

        // As if the sidecar ran as uid 1000 and root owned the sticky directory (/tmp).
        Assert.Contains(SocketDirectoryPolicy.Problems(Socket(directory), ownUid: 1000), p => p.Contains("can be written by other users", StringComparison.Ordinal));
    }

    [Fact]
    public void A_directory_owned_by_another_uid_is_refused()
    {
        string directory = Directory("0755");
        LibC.SetGroup(directory, 65534);
        File.SetUnixFileMode(directory, Mode("0755"));
        Chown(directory, 65534);

        string problem = Assert.Single(SocketDirectoryPolicy.Problems(Socket(directory)));

        Assert.Contains("belongs to uid 65534", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_directory_is_accepted_and_so_is_a_shared_one_when_allowed()
    {
        Assert.Empty(SocketDirectoryPolicy.Problems(Socket(Directory("0755"))));
        Assert.Empty(SocketDirectoryPolicy.Problems(Socket(Directory("0777")) with { AllowSharedDirectory = true }));
    }

    [Fact]
    public void A_missing_directory_is_judged_by_its_existing_parents()
    {
        string shared = Directory("0777");

        Assert.Single(SocketDirectoryPolicy.Problems(Socket(Path.Combine(shared, "not", "yet"))));
        Assert.Empty(SocketDirectoryPolicy.Problems(Socket(Path.Combine(Directory("0755"), "not", "yet"))));
    }

    [Fact]
    public void A_private_directory_inside_a_shared_parent_is_refused_like_the_files_output()
    {
        // An emptyDir root is 0777: whoever can write it can rename "private" aside and bind their own socket.
        string shared = Directory("0777");
        string inner = Path.Combine(shared, "private");
        System.IO.Directory.CreateDirectory(inner);
        File.SetUnixFileMode(inner, Mode("0755"));

        string problem = Assert.Single(SocketDirectoryPolicy.Problems(Socket(inner)));

        Assert.Contains($"parent directory {shared} (mode 0777)", problem, StringComparison.Ordinal);
        Assert.Empty(SocketDirectoryPolicy.Problems(Socket(inner) with { AllowSharedDirectory = true }));
    }

    public void Dispose() => _root.Dispose();

    private static SocketOutputSettings Socket(string directory) =>
        new(Path.Combine(directory, "broker.sock"), Mode("0660"), null, PeerAllowList.Empty, 64);

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);

    private static void Chown(string path, int uid)
    {
        using System.Diagnostics.Process chown = System.Diagnostics.Process.Start("chown", [uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path]);
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }

    private string Directory(string mode)
    {
        string path = Path.Combine(_root.Path, Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, Mode(mode));
        return path;
    }
}
