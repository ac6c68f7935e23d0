using SecretBroker.Sidecar.Outputs.Files;

using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

[Collection(FilesOutputTestGroup.Name)]
public class TmpfsRequirementTests
{
    [Fact]
    public void A_directory_not_on_tmpfs_is_refused_with_a_message_naming_it_and_the_way_out()
    {
        using var output = OnDisk();
        var writer = output.Writer();

        var ex = Assert.Throws<OutputDirectoryException>(writer.Initialize);

        Assert.StartsWith($"outputs.files.dir '{output.Path}' is not on tmpfs (it is on ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith(
            "); secrets must not reach a persistent disk. Mount an emptyDir with medium: Memory, or set outputs.files.requireTmpfs: false",
            ex.Message,
            StringComparison.Ordinal);
        Assert.False(Directory.Exists(output.Path));
    }

    [Fact]
    public void A_refused_directory_receives_no_secret_from_write_either()
    {
        using var output = OnDisk();
        var writer = output.Writer();

        Assert.Throws<OutputDirectoryException>(() => writer.Write(Generation(1, ("a", "x"))));
        Assert.False(Directory.Exists(output.Path));
    }

    [Fact]
    public void RequireTmpfs_false_accepts_a_directory_on_disk()
    {
        using var output = OnDisk();
        var writer = output.Writer(requireTmpfs: false);

        writer.Initialize();
        writer.Write(Generation(1, ("a", "x")));

        Assert.Equal("x", output.ReadVisible("a"));
    }

    [Fact]
    public void A_missing_directory_on_tmpfs_is_created_with_the_directory_mode()
    {
        using var output = OnTmpfs();
        Assert.False(Directory.Exists(output.Path));

        output.Writer().Initialize();

        Assert.Equal(DefaultDirectoryMode, File.GetUnixFileMode(output.Path));
    }
}
