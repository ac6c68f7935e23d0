using SecretBroker.Sidecar.Outputs.Files;

using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary>
/// A directory other users can write to (or that another uid owns) is refused unless <c>allowSharedDir</c>: there
/// they could replace what is delivered, or lose their own entries to the sidecar's cleanup.
/// </summary>
[Collection(FilesOutputTestGroup.Name)]
public class SharedDirectoryTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode WorldWritableSticky = Private | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit;

    [Fact]
    public void A_sticky_world_writable_directory_like_dev_shm_is_refused_and_nothing_is_written()
    {
        using var output = OnTmpfs();
        Directory.CreateDirectory(output.Path);
        File.SetUnixFileMode(output.Path, WorldWritableSticky);

        var ex = Assert.Throws<OutputDirectoryException>(() => output.Writer().Write(Generation(1, ("a", "x"))));

        Assert.Contains($"'{output.Path}' is writable by other users (mode 1777)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("outputs.files.allowSharedDir: true", ex.Message, StringComparison.Ordinal);
        Assert.Empty(output.Entries());
    }

    [Fact]
    public void A_group_writable_directory_is_refused()
    {
        using var output = OnTmpfs();
        Directory.CreateDirectory(output.Path);
        File.SetUnixFileMode(output.Path, Private | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute);

        var ex = Assert.Throws<OutputDirectoryException>(output.Writer().Initialize);

        Assert.Contains("(mode 0770)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_owned_by_another_uid_is_refused()
    {
        using var output = OnTmpfs();
        Directory.CreateDirectory(output.Path);
        File.SetUnixFileMode(output.Path, Private);
        Run("chown", "4321:4321", output.Path);

        var ex = Assert.Throws<OutputDirectoryException>(output.Writer().Initialize);

        Assert.Contains($"'{output.Path}' is owned by uid 4321", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parent_others_can_write_to_is_refused_with_the_way_to_fix_it()
    {
        // What an earlier run under umask 0 left: /dev/shm/secretbroker 0777, so anyone could swap the directory.
        using var output = OnTmpfs();
        File.SetUnixFileMode(output.Root, WorldWritableSticky & ~UnixFileMode.StickyBit);

        var ex = Assert.Throws<OutputDirectoryException>(output.Writer().Initialize);

        Assert.Contains($"its parent '{output.Root}' is writable by other users and not sticky (mode 0777)", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod go-w '{output.Root}'", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output.Path));
    }

    [Fact]
    public void A_sticky_parent_like_dev_shm_is_fine_for_a_directory_the_sidecar_creates()
    {
        using var output = OnTmpfs();
        File.SetUnixFileMode(output.Root, WorldWritableSticky);

        output.Writer().Write(Generation(1, ("a", "x")));

        Assert.Equal("x", output.ReadVisible("a"));
    }

    [Fact]
    public void AllowSharedDir_accepts_a_sticky_world_writable_directory()
    {
        using var output = OnTmpfs();
        Directory.CreateDirectory(output.Path);
        File.SetUnixFileMode(output.Path, WorldWritableSticky);

        output.Writer(allowShared: true).Write(Generation(1, ("a", "x")));

        Assert.Equal("x", output.ReadVisible("a"));
    }

    [Fact]
    public void A_group_writable_dir_mode_is_refused_before_anything_is_created()
    {
        using var output = OnTmpfs();
        var writer = output.Writer(directoryMode: DefaultDirectoryMode | UnixFileMode.GroupWrite);

        var ex = Assert.Throws<OutputDirectoryException>(writer.Initialize);

        Assert.Contains("dirMode 0770", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output.Path));
    }
}
