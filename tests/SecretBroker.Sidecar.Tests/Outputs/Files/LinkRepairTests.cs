using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

[Collection(FilesOutputTestGroup.Name)]
public class LinkRepairTests
{
    [Fact]
    public void A_link_that_could_not_be_created_is_repaired_by_the_next_write_even_when_nothing_changed()
    {
        using var output = OnTmpfs();
        var writer = output.Writer();
        writer.Initialize();
        Directory.CreateDirectory(output.Entry("b"));

        // The set is published, but a directory squats on the name "b", so linking it fails.
        Assert.ThrowsAny<IOException>(() => writer.Write(Generation(1, ("a", "x"), ("b", "y"))));
        Directory.Delete(output.Entry("b"));

        Assert.False(writer.Write(Generation(2, ("a", "x"), ("b", "y"))));
        Assert.Equal("y", output.ReadVisible("b"));
    }
}
