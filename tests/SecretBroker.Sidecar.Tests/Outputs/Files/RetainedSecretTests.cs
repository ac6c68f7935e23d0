using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary>
/// After a restart, a configured secret this process has not loaded yet keeps the value the previous run delivered:
/// a sidecar restart must never blank a file an inference container is reading.
/// </summary>
[Collection(FilesOutputTestGroup.Name)]
public class RetainedSecretTests
{
    private static readonly HashSet<string> Configured = ["a", "b"];

    [Fact]
    public void A_new_writer_given_an_empty_generation_leaves_the_previous_runs_files_untouched()
    {
        using var output = OnTmpfs();
        using (var earlier = output.Writer(retained: Configured))
        {
            earlier.Write(Generation(1, ("a", "old-a"), ("b", "old-b")));
        }

        string? before = output.DataTarget;

        using var restarted = output.Writer(retained: Configured);

        Assert.False(restarted.Write(SecretGeneration.Empty));
        Assert.Equal(before, output.DataTarget);
        Assert.Equal("old-a", output.ReadVisible("a"));
        Assert.Equal("old-b", output.ReadVisible("b"));
    }

    [Fact]
    public void A_partial_first_load_carries_over_the_configured_secrets_it_lacks_and_drops_unconfigured_ones()
    {
        using var output = OnTmpfs();
        using (var earlier = output.Writer(retained: new HashSet<string> { "a", "b", "dropped" }))
        {
            earlier.Write(Generation(1, ("a", "old-a"), ("b", "old-b"), ("dropped", "d")));
        }

        using var restarted = output.Writer(retained: Configured);

        Assert.True(restarted.Write(Generation(1, ("a", "new-a"))));
        Assert.Equal("new-a", output.ReadVisible("a"));
        Assert.Equal("old-b", output.ReadVisible("b"));
        Assert.False(Path.Exists(output.Entry("dropped")));
        output.PassRetirementGrace();
        Assert.Single(output.GenerationDirectories());
    }

    [Fact]
    public void Without_retained_names_a_missing_secret_is_removed()
    {
        using var output = OnTmpfs();
        using (var earlier = output.Writer())
        {
            earlier.Write(Generation(1, ("a", "old-a"), ("b", "old-b")));
        }

        using var restarted = output.Writer();
        Assert.True(restarted.Write(Generation(1, ("a", "old-a"))));

        Assert.False(Path.Exists(output.Entry("b")));
    }
}
