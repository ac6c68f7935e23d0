using SecretBroker.Sidecar.Outputs.Files;

using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary>
/// Replaced generations outlive the swap by a grace period, so an open that resolved <c>..data</c> just before it
/// still finds its file (the kubelet deletes at once and a reader can get ENOENT); they are bounded and removed.
/// </summary>
[Collection(FilesOutputTestGroup.Name)]
public class RetiredGenerationTests
{
    [Fact]
    public void A_path_resolved_through_the_old_generation_stays_readable_until_the_grace_period_passes()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer();
        writer.Write(Generation(1, ("a", "one")));
        string resolvedBeforeSwap = Path.Combine(output.Entry(output.DataTarget!), "a");

        writer.Write(Generation(2, ("a", "two")));

        Assert.Equal("two", output.ReadVisible("a"));
        Assert.Equal("one", File.ReadAllText(resolvedBeforeSwap));
        output.Clock.Advance(GenerationWriter.RetiredGenerationGrace - TimeSpan.FromMilliseconds(1));
        Assert.True(File.Exists(resolvedBeforeSwap), "removed before the grace period passed");

        output.Clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(File.Exists(resolvedBeforeSwap), "kept after the grace period");
        Assert.Single(output.GenerationDirectories());
        Assert.Contains(output.Logger.Events, e => e.EventId == 2005);
    }

    [Fact]
    public void Each_replaced_generation_gets_its_own_grace_period()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer();
        writer.Write(Generation(1, ("a", "1")));
        string first = output.DataTarget!;
        writer.Write(Generation(2, ("a", "2")));
        string second = output.DataTarget!;
        output.Clock.Advance(TimeSpan.FromSeconds(3));
        writer.Write(Generation(3, ("a", "3")));

        output.Clock.Advance(GenerationWriter.RetiredGenerationGrace - TimeSpan.FromSeconds(3));

        Assert.False(Directory.Exists(output.Entry(first)));
        Assert.True(Directory.Exists(output.Entry(second)), "retired 3 s later, so it has 3 s left");
        output.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.False(Directory.Exists(output.Entry(second)));
        Assert.Single(output.GenerationDirectories());
    }

    [Fact]
    public void Rapid_rotations_keep_at_most_the_bounded_number_of_replaced_generations()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer();

        for (int i = 1; i <= 20; i++)
        {
            writer.Write(Generation(i, ("a", $"value-{i}")));
        }

        Assert.Equal(1 + GenerationWriter.MaxRetiredGenerations, output.GenerationDirectories().Length);
        Assert.Equal("value-20", output.ReadVisible("a"));
    }

    [Fact]
    public void Dispose_removes_the_replaced_generations_and_stops_the_timer()
    {
        using var output = OnTmpfs();
        var writer = output.Writer();
        writer.Write(Generation(1, ("a", "1")));
        writer.Write(Generation(2, ("a", "2")));
        Assert.Equal(2, output.GenerationDirectories().Length);

        writer.Dispose();

        Assert.Single(output.GenerationDirectories());
        Assert.Equal("2", output.ReadVisible("a"));
        Assert.Throws<ObjectDisposedException>(() => writer.Write(Generation(3, ("a", "3"))));
        output.PassRetirementGrace();
        Assert.Equal("2", output.ReadVisible("a"));
    }

    [Fact]
    public void A_restart_removes_generations_a_killed_run_kept_for_its_readers()
    {
        using var output = OnTmpfs();
        string kept;
        using (var killed = output.Writer())
        {
            killed.Write(Generation(1, ("a", "1")));
            killed.Write(Generation(2, ("a", "2")));
            Assert.Equal(2, output.GenerationDirectories().Length);
            kept = output.GenerationDirectories().Single(g => g != output.DataTarget);
        }

        // A kill -9 skips the clean stop that removes the kept generation (and releases the lock like any exit).
        Directory.CreateDirectory(output.Entry(kept));
        File.WriteAllText(Path.Combine(output.Entry(kept), "a"), "1");

        using var restarted = output.Writer();
        restarted.Initialize();

        Assert.Single(output.GenerationDirectories());
        Assert.Equal("2", output.ReadVisible("a"));
    }
}
