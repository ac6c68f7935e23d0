using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

[Collection(FilesOutputTestGroup.Name)]
public class ModeTests
{
    [Fact]
    public void Files_are_0440_and_directories_0750_by_default()
    {
        using var output = OnTmpfs();
        var writer = output.Writer();

        writer.Write(Generation(1, ("a", "x")));

        string generation = output.Entry(output.DataTarget!);
        Assert.Equal(DefaultFileMode, File.GetUnixFileMode(Path.Combine(generation, "a")));
        Assert.Equal(DefaultDirectoryMode, File.GetUnixFileMode(generation));
        Assert.Equal(DefaultDirectoryMode, File.GetUnixFileMode(output.Path));
    }

    [Fact]
    public void Custom_modes_are_applied_exactly_even_where_the_umask_would_strip_bits()
    {
        using var output = OnTmpfs();
        const UnixFileMode fileMode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite;
        const UnixFileMode directoryMode = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.GroupWrite;
        var writer = output.Writer(fileMode, directoryMode, allowShared: true); // group write: a shared directory

        writer.Write(Generation(1, ("a", "x")));

        string generation = output.Entry(output.DataTarget!);
        Assert.Equal(fileMode, File.GetUnixFileMode(Path.Combine(generation, "a")));
        Assert.Equal(directoryMode, File.GetUnixFileMode(generation));
    }

    [Fact]
    public void A_read_only_generation_directory_is_still_replaced_and_removed()
    {
        using var output = OnTmpfs();
        var writer = output.Writer(directoryMode: UnixFileMode.UserRead | UnixFileMode.UserExecute);
        writer.Write(Generation(1, ("a", "x")));

        writer.Write(Generation(2, ("a", "y")));
        output.PassRetirementGrace();

        Assert.Single(output.GenerationDirectories());
        Assert.Equal("y", output.ReadVisible("a"));
    }
}
