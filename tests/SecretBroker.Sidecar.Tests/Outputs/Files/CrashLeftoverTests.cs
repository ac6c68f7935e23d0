using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

[Collection(FilesOutputTestGroup.Name)]
public class CrashLeftoverTests
{
    [Fact]
    public void Initialize_removes_a_stray_data_tmp_orphan_and_half_written_generations_and_dangling_links()
    {
        using var output = OnTmpfs();
        using (var earlier = output.Writer())
        {
            earlier.Write(Generation(1, ("a", "x")));
        }

        string live = output.DataTarget!;

        // What a kill -9 can leave: a half-written generation, a finished one never published, the temp links.
        string orphan = output.Entry("..2030_01_01_00_00_00.0000000.deadbeef");
        Directory.CreateDirectory(orphan);
        File.WriteAllText(Path.Combine(orphan, "a"), "orphan");
        string halfWritten = output.Entry("..2030_01_01_00_00_01.0000000.cafebabe");
        Directory.CreateDirectory(halfWritten);
        File.WriteAllText(Path.Combine(halfWritten, "a"), "part");
        File.SetUnixFileMode(halfWritten, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(output.Entry("..data_tmp"), Path.GetFileName(orphan));
        File.CreateSymbolicLink(output.Entry("..link_tmp"), "..data/b");
        File.CreateSymbolicLink(output.Entry("b"), "..data/b");

        using var restarted = output.Writer();
        restarted.Initialize();

        Assert.Equal([live, "..data", "..lock", "a"], output.Entries());
        Assert.Equal("x", output.ReadVisible("a"));
        Assert.Equal(4, output.Logger.Events.Count(e => e.EventId == 2002));
        Assert.Contains(output.Logger.Events, e => e.EventId == 2007);
    }

    [Fact]
    public void Initialize_creates_visible_links_missing_after_a_crash_between_publish_and_linking()
    {
        using var output = OnTmpfs();
        using (var earlier = output.Writer())
        {
            earlier.Write(Generation(1, ("a", "x"), ("b", "y")));
        }

        File.Delete(output.Entry("b"));

        using var restarted = output.Writer();
        restarted.Initialize();

        Assert.Equal("y", output.ReadVisible("b"));
    }

    [Fact]
    public void A_dangling_data_link_is_removed_and_the_next_write_publishes_afresh()
    {
        using var output = OnTmpfs();
        Directory.CreateDirectory(output.Path);
        File.CreateSymbolicLink(output.Entry("..data"), "..2030_01_01_00_00_00.0000000.00000000");
        File.CreateSymbolicLink(output.Entry("a"), "..data/a");
        using var writer = output.Writer();

        writer.Initialize();
        Assert.Equal(["..lock"], output.Entries());

        Assert.True(writer.Write(Generation(1, ("a", "x"))));
        Assert.Equal("x", output.ReadVisible("a"));
    }
}
