using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary>The writer removes only what it created: its own names, owned by its own uid. Everything else stays.</summary>
[Collection(FilesOutputTestGroup.Name)]
public class ForeignEntryTests
{
    private const string Generation1 = "..2030_01_01_00_00_00.0000000.deadbeef";

    [Fact]
    public void Dot_dot_entries_of_another_uid_or_with_names_the_sidecar_never_uses_are_left_alone_and_logged_once()
    {
        using var output = OnTmpfs();
        Directory.CreateDirectory(output.Path);
        Directory.CreateDirectory(output.Entry(Generation1));
        Run("chown", "4321:4321", output.Entry(Generation1));
        File.WriteAllText(output.Entry("..cache"), "someone else's");

        using var writer = output.Writer(allowShared: true);
        writer.Initialize();
        writer.Write(Generation(1, ("a", "x")));
        writer.Write(Generation(2, ("a", "y")));

        Assert.True(Directory.Exists(output.Entry(Generation1)));
        Assert.Equal("someone else's", File.ReadAllText(output.Entry("..cache")));
        Assert.Equal(2, output.Logger.Events.Count(e => e.EventId == 2014));
        Assert.Equal("y", output.ReadVisible("a"));
    }

    [Fact]
    public void A_temporary_link_of_another_uid_blocks_publishing_instead_of_being_removed()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(allowShared: true);
        writer.Write(Generation(1, ("a", "x")));
        File.CreateSymbolicLink(output.Entry("..data_tmp"), "elsewhere");
        Run("chown", "-h", "4321:4321", output.Entry("..data_tmp"));

        var ex = Assert.Throws<IOException>(() => writer.Write(Generation(2, ("a", "y"))));

        Assert.Contains("belongs to uid 4321", ex.Message, StringComparison.Ordinal);
        Assert.Equal("elsewhere", new FileInfo(output.Entry("..data_tmp")).LinkTarget);
        Assert.Equal("x", output.ReadVisible("a"));
    }

    [Fact]
    public void A_link_of_another_uid_that_looks_like_a_dropped_secret_is_left_alone()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(allowShared: true);
        writer.Write(Generation(1, ("a", "x")));
        File.CreateSymbolicLink(output.Entry("b"), "..data/b");
        Run("chown", "-h", "4321:4321", output.Entry("b"));

        writer.Write(Generation(2, ("a", "y")));

        Assert.Equal("..data/b", new FileInfo(output.Entry("b")).LinkTarget);
    }

    [Fact]
    public void The_lock_the_version_key_and_the_vault_login_state_are_never_removed_nor_taken_for_generations()
    {
        using var output = OnTmpfs();
        Directory.CreateDirectory(output.Path);
        File.WriteAllText(output.Entry("..version-key"), "key");
        File.SetUnixFileMode(output.Entry("..version-key"), UnixFileMode.UserRead);
        File.WriteAllText(output.Entry("..vault-logins-vault"), "v1 2 1");

        using (var earlier = output.Writer())
        {
            earlier.Write(Generation(1, ("a", "x")));
            earlier.Write(Generation(2, ("a", "y")));
        }

        using var restarted = output.Writer();
        restarted.Initialize();
        restarted.Write(Generation(3, ("a", "z")));

        Assert.Equal("key", File.ReadAllText(output.Entry("..version-key")));
        Assert.Equal("v1 2 1", File.ReadAllText(output.Entry("..vault-logins-vault")));
        Assert.True(File.Exists(output.Entry("..lock")));
        Assert.DoesNotContain(output.Logger.Events, e => e.EventId == 2014);
    }
}
