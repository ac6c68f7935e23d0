using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

[Collection(FilesOutputTestGroup.Name)]
public class ChangedGenerationTests
{
    [Fact]
    public void A_changed_value_publishes_a_new_generation_and_removes_the_old_directory_after_the_grace_period()
    {
        using var output = OnTmpfs();
        var writer = output.Writer();
        writer.Write(Generation(1, ("a", "one"), ("b", "same")));
        string old = output.DataTarget!;

        Assert.True(writer.Write(Generation(2, ("a", "two"), ("b", "same"))));
        output.PassRetirementGrace();

        string current = Assert.Single(output.GenerationDirectories());
        Assert.NotEqual(old, current);
        Assert.Equal(current, output.DataTarget);
        Assert.False(Directory.Exists(output.Entry(old)));
        Assert.Equal("two", output.ReadVisible("a"));
        Assert.Equal("same", output.ReadVisible("b"));
    }

    [Fact]
    public void All_secrets_of_one_generation_land_in_one_generation_directory()
    {
        using var output = OnTmpfs();
        var writer = output.Writer();
        writer.Write(Generation(1, ("a", "1"), ("b", "1"), ("c", "1")));

        writer.Write(Generation(2, ("a", "2"), ("b", "2"), ("c", "2")));
        output.PassRetirementGrace();

        string generation = output.Entry(Assert.Single(output.GenerationDirectories()));
        Assert.Equal(["a", "b", "c"], Directory.EnumerateFiles(generation).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_new_secret_gets_a_visible_link()
    {
        using var output = OnTmpfs();
        var writer = output.Writer();
        writer.Write(Generation(1, ("a", "1")));

        writer.Write(Generation(2, ("a", "1"), ("b", "new")));

        Assert.Equal("new", output.ReadVisible("b"));
    }
}
