using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

[Collection(FilesOutputTestGroup.Name)]
public class RemovedSecretTests
{
    [Fact]
    public void A_secret_no_longer_present_loses_its_visible_link()
    {
        using var output = OnTmpfs();
        var writer = output.Writer();
        writer.Write(Generation(1, ("keep", "k"), ("gone", "g")));

        Assert.True(writer.Write(Generation(2, ("keep", "k"))));

        Assert.False(Path.Exists(output.Entry("gone")));
        Assert.Null(new FileInfo(output.Entry("gone")).LinkTarget);
        Assert.Equal("k", output.ReadVisible("keep"));
    }

    [Fact]
    public void Files_that_are_not_the_writers_links_are_left_alone()
    {
        using var output = OnTmpfs();
        var writer = output.Writer();
        writer.Initialize();
        File.WriteAllText(output.Entry("readme"), "not ours");

        writer.Write(Generation(1, ("a", "x")));
        writer.Write(Generation(2, ("a", "y")));

        Assert.Equal("not ours", File.ReadAllText(output.Entry("readme")));
    }
}
