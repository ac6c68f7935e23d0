using SecretBroker.Sidecar.Outputs.Files;

using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary>One writer per directory: <c>..lock</c> is held (flock) for the writer's life and names the holder's pid.</summary>
[Collection(FilesOutputTestGroup.Name)]
public class DirectoryLockTests
{
    [Fact]
    public void A_second_writer_on_the_same_directory_is_refused_naming_the_holder_and_changes_nothing()
    {
        using var output = OnTmpfs();
        using var first = output.Writer();
        first.Write(Generation(1, ("a", "x")));
        string[] before = output.Entries();

        using var second = output.Writer();
        var ex = Assert.Throws<OutputDirectoryException>(() => second.Write(Generation(1, ("a", "other"))));

        Assert.Contains($"in use by another secretbroker (pid {Environment.ProcessId}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, output.Entries());
        Assert.Equal("x", output.ReadVisible("a"));
        Assert.Equal($"{Environment.ProcessId}", Run("cat", output.Entry("..lock"))); // cat: .NET's own open would meet the flock
    }

    [Fact]
    public void Once_the_holder_is_disposed_another_writer_takes_the_directory()
    {
        using var output = OnTmpfs();
        using (var first = output.Writer())
        {
            first.Write(Generation(1, ("a", "x")));
        }

        using var second = output.Writer();
        Assert.True(second.Write(Generation(2, ("a", "y"))));
        Assert.Equal("y", output.ReadVisible("a"));
    }

    [Fact]
    public void A_symlink_planted_at_the_lock_path_is_not_followed()
    {
        using var output = OnTmpfs();
        Directory.CreateDirectory(output.Path);
        string victim = Path.Combine(output.Root, "victim");
        File.WriteAllText(victim, "keep me");
        File.CreateSymbolicLink(output.Entry("..lock"), victim);

        Assert.Throws<OutputDirectoryException>(output.Writer().Initialize);

        Assert.Equal("keep me", File.ReadAllText(victim));
    }
}
