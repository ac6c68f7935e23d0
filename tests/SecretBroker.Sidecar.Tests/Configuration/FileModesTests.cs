using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

public class FileModesTests
{
    [Theory]
    [InlineData("0440", "440")]
    [InlineData("0400", "400")]
    [InlineData("440", "440")]
    [InlineData("0040", "40")]
    public void Read_only_owner_and_group_file_modes_are_accepted(string text, string octal) =>
        Assert.Equal(Convert.ToInt32(octal, 8), (int)Load("fileMode: \"" + text + "\"").FileMode);

    [Theory]
    [InlineData("0444", "grants permissions to others")]
    [InlineData("0441", "grants permissions to others")]
    [InlineData("0640", "grants write permission")]
    [InlineData("0460", "grants write permission")]
    [InlineData("0000", "lets nobody read the files")]
    [InlineData("4440", "sets setuid, setgid or sticky bits")]
    [InlineData("0x1FF", "is not an octal file mode")]
    [InlineData("0448", "is not an octal file mode")]
    [InlineData("04400", "is not an octal file mode")]
    public void File_modes_that_widen_access_are_rejected(string text, string problem) =>
        Assert.Contains(":12: outputs.files.fileMode: '" + text + "' " + problem, Errors("fileMode: \"" + text + "\""), StringComparison.Ordinal);

    [Theory]
    [InlineData("0755", "grants permissions to others")]
    [InlineData("0550", "must give the owner read, write and search")]
    public void Directory_modes_must_exclude_others_and_let_the_owner_publish(string text, string problem) =>
        Assert.Contains(":12: outputs.files.dirMode: '" + text + "' " + problem, Errors("dirMode: \"" + text + "\""), StringComparison.Ordinal);

    [Fact]
    public void An_unquoted_mode_is_read_as_octal_too() =>
        Assert.Equal(Convert.ToInt32("700", 8), (int)Load("dirMode: 0700").DirectoryMode);

    private static FilesOutputSettings Load(string line) => ConfigFixture.Load(ConfigFixture.Valid + "\n    " + line).Outputs.Files!;

    private static string Errors(string line) => ConfigFixture.Errors(ConfigFixture.Valid + "\n    " + line);
}
