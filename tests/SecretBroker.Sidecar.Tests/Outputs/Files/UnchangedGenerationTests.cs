using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

[Collection(FilesOutputTestGroup.Name)]
public class UnchangedGenerationTests
{
    [Fact]
    public void The_same_values_again_write_nothing_and_keep_the_data_link()
    {
        using var output = OnTmpfs();
        var writer = output.Writer();
        writer.Write(Generation(1, ("a", "x"), ("b", "y")));
        string? before = output.DataTarget;

        // A later generation where only versions or stale flags moved carries the same bytes.
        bool wrote = writer.Write(Generation(2, ("b", "y"), ("a", "x")));

        Assert.False(wrote);
        Assert.Equal(before, output.DataTarget);
        Assert.Single(output.GenerationDirectories());
    }

    [Fact]
    public void An_empty_generation_on_an_empty_directory_writes_nothing()
    {
        using var output = OnTmpfs();
        var writer = output.Writer();

        Assert.False(writer.Write(SecretGeneration.Empty));
        Assert.Equal(["..lock"], output.Entries());
    }
}
