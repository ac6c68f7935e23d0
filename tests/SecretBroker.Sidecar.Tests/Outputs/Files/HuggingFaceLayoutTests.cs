using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Outputs.Files;

using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary>
/// <c>profile: huggingface</c>: the bare token at <c>&lt;dir&gt;/&lt;name&gt;</c> (<c>HF_TOKEN_PATH</c>) and at
/// <c>&lt;dir&gt;/hf/token</c> (<c>HF_HOME</c>), both reached through <c>..data</c> so they flip together.
/// </summary>
[Collection(FilesOutputTestGroup.Name)]
public class HuggingFaceLayoutTests
{
    private const string Canary = "hf_CanaryTokenNeverLogged0123456789";

    internal static SecretFileLayout HuggingFace(string name = "hf-token") =>
        new(new Dictionary<string, SecretFileDelivery> { [name] = new(SecretProfile.HuggingFace, SecretFileFormat.Raw) });

    [Fact]
    public void The_token_is_written_bare_at_its_name_and_at_hf_token_behind_an_hf_link_into_data()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: HuggingFace());

        Assert.True(writer.Write(Generation(1, ("hf-token", "hf_abc\n"), ("other", "x"))));

        Assert.Equal("hf_abc", output.ReadVisible("hf-token"));
        Assert.Equal("hf_abc", File.ReadAllText(System.IO.Path.Combine(output.Path, "hf", "token")));
        Assert.Equal("..data/hf", new FileInfo(output.Entry("hf")).LinkTarget);
        Assert.True(Directory.Exists(output.Entry(System.IO.Path.Combine(output.DataTarget!, "hf"))));
        Assert.Equal("x", output.ReadVisible("other"));
        Assert.Equal([output.DataTarget!, "..data", "..lock", "hf", "hf-token", "other"], output.Entries());
    }

    [Fact]
    public void A_rotation_replaces_both_paths_in_one_new_generation_and_the_old_one_keeps_both_old()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: HuggingFace());
        writer.Write(Generation(1, ("hf-token", "hf_old")));
        string first = output.DataTarget!;

        Assert.True(writer.Write(Generation(2, ("hf-token", "hf_new"))));

        string second = output.DataTarget!;
        Assert.NotEqual(first, second);
        Assert.Equal("hf_new", output.ReadVisible("hf-token"));
        Assert.Equal("hf_new", output.ReadVisible("hf/token"));

        // A reader that resolved ..data before the swap sees the old pair, whole.
        Assert.Equal("hf_old", File.ReadAllText(output.Entry($"{first}/hf-token")));
        Assert.Equal("hf_old", File.ReadAllText(output.Entry($"{first}/hf/token")));
    }

    [Fact]
    public void The_hf_directory_and_its_token_get_the_configured_modes()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: HuggingFace());
        writer.Write(Generation(1, ("hf-token", "hf_abc")));

        Assert.Equal(DefaultDirectoryMode, File.GetUnixFileMode(output.Entry($"{output.DataTarget}/hf")));
        Assert.Equal(DefaultFileMode, File.GetUnixFileMode(output.Entry($"{output.DataTarget}/hf/token")));
    }

    [Fact]
    public void A_value_that_is_not_a_token_keeps_the_last_good_one_at_both_paths_while_others_update()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: HuggingFace());
        writer.Write(Generation(1, ("hf-token", "hf_good"), ("other", "1")));

        writer.Write(Generation(2, ("hf-token", Canary + " trailing-garbage"), ("other", "2")));

        Assert.Equal("hf_good", output.ReadVisible("hf-token"));
        Assert.Equal("hf_good", output.ReadVisible("hf/token"));
        Assert.Equal("2", output.ReadVisible("other"));
        var refused = Assert.Single(output.Logger.Events, e => e.EventId == 2030);
        Assert.Contains("hf-token", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(output.Logger.Events, e => e.Message.Contains("Canary", StringComparison.Ordinal));
    }

    [Fact]
    public void A_first_value_that_is_not_a_token_is_not_written_at_all()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: HuggingFace());

        writer.Write(Generation(1, ("hf-token", "not-a-hub-token"), ("other", "1")));

        Assert.False(File.Exists(output.Entry("hf-token")));
        Assert.False(Path.Exists(output.Entry("hf")));
        Assert.Equal("1", output.ReadVisible("other"));
        Assert.Contains(output.Logger.Events, e => e.EventId == 2030 && e.Message.Contains("hf_", StringComparison.Ordinal));
    }

    [Fact]
    public void A_deleted_hf_link_is_put_back_by_the_layout_check()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: HuggingFace());
        writer.Write(Generation(1, ("hf-token", "hf_abc")));
        File.Delete(output.Entry("hf"));

        Assert.Equal(LayoutCheck.Repaired, writer.VerifyLayout());

        Assert.Equal("..data/hf", new FileInfo(output.Entry("hf")).LinkTarget);
        Assert.Equal("hf_abc", output.ReadVisible("hf/token"));
    }

    [Fact]
    public void A_deleted_hf_token_in_the_generation_makes_the_generation_lost_so_it_is_written_again()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: HuggingFace());
        writer.Write(Generation(1, ("hf-token", "hf_abc")));
        File.Delete(output.Entry($"{output.DataTarget}/hf/token"));

        Assert.Equal(LayoutCheck.GenerationLost, writer.VerifyLayout());
        Assert.True(writer.Write(Generation(1, ("hf-token", "hf_abc"))));

        Assert.Equal("hf_abc", output.ReadVisible("hf/token"));
    }

    [Fact]
    public void A_restarted_writer_adopts_the_hf_token_and_skips_an_identical_write()
    {
        using var output = OnTmpfs();
        using (var first = output.Writer(layout: HuggingFace()))
        {
            first.Write(Generation(1, ("hf-token", "hf_abc")));
        }

        using var second = output.Writer(layout: HuggingFace());
        second.Initialize();

        Assert.False(second.Write(Generation(1, ("hf-token", "hf_abc"))));
        Assert.Equal("hf_abc", output.ReadVisible("hf/token"));
    }

    [Fact]
    public void Without_the_profile_any_more_the_hf_link_and_directory_go()
    {
        using var output = OnTmpfs();
        using (var first = output.Writer(layout: HuggingFace()))
        {
            first.Write(Generation(1, ("hf-token", "hf_abc")));
        }

        using var second = output.Writer();
        Assert.True(second.Write(Generation(1, ("hf-token", "hf_abc"))));

        Assert.False(Path.Exists(output.Entry("hf")));
        Assert.Equal("hf_abc", output.ReadVisible("hf-token"));
    }

    [Fact]
    public void A_retained_secret_not_loaded_yet_keeps_its_hf_token_too()
    {
        using var output = OnTmpfs();
        using (var first = output.Writer(layout: HuggingFace()))
        {
            first.Write(Generation(1, ("hf-token", "hf_abc"), ("other", "1")));
        }

        using var second = output.Writer(retained: new HashSet<string> { "hf-token", "other" }, layout: HuggingFace());
        second.Write(Generation(1, ("other", "2")));

        Assert.Equal("hf_abc", output.ReadVisible("hf-token"));
        Assert.Equal("hf_abc", output.ReadVisible("hf/token"));
        Assert.Equal("2", output.ReadVisible("other"));
    }
}
