using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

[Collection(FilesOutputTestGroup.Name)]
public class InvalidNameTests
{
    [Theory]
    [InlineData("../escape")]
    [InlineData("..data")]
    [InlineData("sub/dir")]
    [InlineData("/etc/passwd")]
    [InlineData(".hidden")]
    [InlineData("UPPER")]
    public void A_name_that_is_not_a_valid_secret_name_is_rejected_before_anything_is_written(string name)
    {
        using var output = OnTmpfs();
        var writer = output.Writer();
        writer.Write(Generation(1, ("good", "g")));
        string? before = output.DataTarget;

        var ex = Assert.Throws<ArgumentException>(() => writer.Write(Generation(2, ("good", "g2"), (name, "bad"))));

        Assert.Contains($"'{name}'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, output.DataTarget);
        Assert.Equal("g", output.ReadVisible("good"));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(output.Path)!, "escape")));
    }
}
