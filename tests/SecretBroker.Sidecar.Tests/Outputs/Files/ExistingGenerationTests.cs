using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

[Collection(FilesOutputTestGroup.Name)]
public class ExistingGenerationTests
{
    [Fact]
    public void After_a_restart_an_identical_first_write_does_nothing()
    {
        using var output = OnTmpfs();
        using (var earlier = output.Writer())
        {
            earlier.Write(Generation(1, ("a", "x"), ("b", "y")));
        }

        string? before = output.DataTarget;

        using var restarted = output.Writer();
        restarted.Initialize();

        Assert.False(restarted.Write(Generation(1, ("a", "x"), ("b", "y"))));
        Assert.Equal(before, output.DataTarget);
        Assert.Contains(output.Logger.Events, e => e.EventId == 2003);
    }

    [Fact]
    public void After_a_restart_a_different_first_write_replaces_the_adopted_generation()
    {
        using var output = OnTmpfs();
        using (var earlier = output.Writer())
        {
            earlier.Write(Generation(1, ("a", "x")));
        }

        string? before = output.DataTarget;

        using var restarted = output.Writer();
        restarted.Initialize();

        Assert.True(restarted.Write(Generation(1, ("a", "changed"))));
        Assert.NotEqual(before, output.DataTarget);
        output.PassRetirementGrace();
        Assert.Single(output.GenerationDirectories());
        Assert.Equal("changed", output.ReadVisible("a"));
    }
}
