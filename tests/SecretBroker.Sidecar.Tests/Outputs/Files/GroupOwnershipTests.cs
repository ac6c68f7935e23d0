using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

[Collection(FilesOutputTestGroup.Name)]
public class GroupOwnershipTests
{
    // Root may give any group; anyone else may give only their own.
    private static int TestGroup => Environment.IsPrivilegedProcess ? 4242 : int.Parse(Run("id", "-g"), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_configured_group_owns_the_created_directory_the_generation_and_every_file()
    {
        using var output = OnTmpfs();
        int group = TestGroup;
        var writer = output.Writer(group: group);

        writer.Write(Generation(1, ("a", "x"), ("b", "y")));

        string generation = output.Entry(output.DataTarget!);
        Assert.Equal(group, GroupOf(output.Path));
        Assert.Equal(group, GroupOf(generation));
        Assert.Equal(group, GroupOf(Path.Combine(generation, "a")));
        Assert.Equal(group, GroupOf(Path.Combine(generation, "b")));
        Assert.Equal(DefaultFileMode, File.GetUnixFileMode(Path.Combine(generation, "a")));
        Assert.Equal(DefaultDirectoryMode, File.GetUnixFileMode(generation));
    }
}
