using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

[Collection(FilesOutputTestGroup.Name)]
public class LayoutTests
{
    [Fact]
    public void A_generation_is_a_timestamped_directory_behind_a_data_link_with_one_visible_link_per_secret()
    {
        using var output = OnTmpfs();
        var writer = output.Writer();
        writer.Initialize();

        Assert.True(writer.Write(Generation(1, ("db-password", "hunter2"), ("api-key", "k"))));

        string generation = Assert.Single(output.GenerationDirectories());
        Assert.Matches(@"^\.\.2030_01_02_03_04_05\.0000000\.[0-9a-f]{8}$", generation);
        Assert.Equal(generation, output.DataTarget);
        Assert.Equal("..data/db-password", new FileInfo(output.Entry("db-password")).LinkTarget);
        Assert.Equal("..data/api-key", new FileInfo(output.Entry("api-key")).LinkTarget);
        Assert.Equal([generation, "..data", "..lock", "api-key", "db-password"], output.Entries());
    }

    [Fact]
    public void Each_visible_file_holds_exactly_the_value_bytes()
    {
        using var output = OnTmpfs();
        var writer = output.Writer();
        byte[] binary = [0, 1, 2, 255, 10];
        var generation = new SecretGeneration(1, DateTimeOffset.UnixEpoch, [new SecretEntry("bin", binary, "v", default, default, false), new SecretEntry("empty", Array.Empty<byte>(), "v", default, default, false)], ["bin", "empty"]);

        writer.Write(generation);

        Assert.Equal(binary, File.ReadAllBytes(output.Entry("bin")));
        Assert.Empty(File.ReadAllBytes(output.Entry("empty")));
    }

    [Fact]
    public void The_written_event_names_the_generation_and_count_but_never_a_value()
    {
        using var output = OnTmpfs();
        var writer = output.Writer();

        writer.Write(Generation(1, ("a", "planted-canary-value"), ("b", "x")));

        var written = Assert.Single(output.Logger.Events, e => e.EventId == 2000);
        Assert.Contains(output.DataTarget!, written.Message, StringComparison.Ordinal);
        Assert.Contains(" 2 ", written.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(output.Logger.Events, e => e.Message.Contains("planted-canary-value", StringComparison.Ordinal));
    }
}
