using System.Text;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Outputs.Files;

using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary>
/// A secret the engine withdrew because its lease ended (<see cref="SecretGeneration.Expired"/>) leaves the files with
/// the next generation — its file, its <c>&lt;name&gt;</c> link, <c>hf/token</c> and a formatted file — even though it is
/// still configured (a configured secret merely not loaded yet keeps its last file): a dead token must not stay readable.
/// </summary>
[Collection(FilesOutputTestGroup.Name)]
public class ExpiredSecretTests
{
    private static readonly HashSet<string> Configured = ["hf-token", "other"];

    [Fact]
    public void A_withdrawn_secret_loses_its_file_and_link_while_the_others_stay()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(retained: Configured);
        writer.Write(Generation(1, ("hf-token", "hf_live"), ("other", "x")));
        string before = output.DataTarget!;

        Assert.True(writer.Write(Withdrawn(2, "hf-token", ("other", "x"))));

        Assert.NotEqual(before, output.DataTarget);
        Assert.False(Path.Exists(output.Entry("hf-token")));
        Assert.False(File.Exists(output.Entry($"{output.DataTarget}/hf-token")));
        Assert.Equal("x", output.ReadVisible("other"));

        // A reader holding the old generation keeps it through the grace period.
        Assert.Equal("hf_live", File.ReadAllText(output.Entry($"{before}/hf-token")));
    }

    [Fact]
    public void A_withdrawn_hugging_face_token_loses_hf_token_and_the_hf_link_too()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(retained: Configured, layout: HuggingFaceLayoutTests.HuggingFace());
        writer.Write(Generation(1, ("hf-token", "hf_live"), ("other", "x")));

        Assert.True(writer.Write(Withdrawn(2, "hf-token", ("other", "x"))));

        Assert.False(Path.Exists(output.Entry("hf-token")));
        Assert.False(Path.Exists(output.Entry("hf")));
        Assert.False(Path.Exists(output.Entry($"{output.DataTarget}/hf")));
        Assert.Equal([output.DataTarget!, "..data", "..lock", "other"], output.Entries().Where(e => !IsRetired(output, e)));
    }

    [Fact]
    public void A_withdrawn_secret_with_a_format_loses_its_formatted_file()
    {
        using var output = OnTmpfs();
        var layout = new SecretFileLayout(new Dictionary<string, SecretFileDelivery> { ["env"] = new(SecretBroker.Settings.SecretProfile.None, SecretBroker.Settings.SecretFileFormat.Dotenv) });
        using var writer = output.Writer(retained: new HashSet<string> { "env" }, layout: layout);
        writer.Write(Generation(1, ("env", """{"KEY":"v"}""")));
        Assert.Equal("KEY='v'\n", output.ReadVisible("env"));

        Assert.True(writer.Write(Withdrawn(2, "env")));

        Assert.False(Path.Exists(output.Entry("env")));
    }

    [Fact]
    public void A_secret_back_after_its_withdrawal_gets_its_file_and_link_again()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(retained: Configured, layout: HuggingFaceLayoutTests.HuggingFace());
        writer.Write(Generation(1, ("hf-token", "hf_live")));
        writer.Write(Withdrawn(2, "hf-token"));

        Assert.True(writer.Write(Generation(3, ("hf-token", "hf_new"))));

        Assert.Equal("hf_new", output.ReadVisible("hf-token"));
        Assert.Equal("hf_new", output.ReadVisible("hf/token"));
    }

    private static SecretGeneration Withdrawn(long number, string expired, params (string Name, string Value)[] secrets) =>
        new(
            number,
            DateTimeOffset.UnixEpoch,
            secrets.Select(s => new SecretEntry(s.Name, Encoding.UTF8.GetBytes(s.Value), "v", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, stale: false)),
            [expired],
            new Dictionary<string, DateTimeOffset> { [expired] = DateTimeOffset.UnixEpoch });

    private static bool IsRetired(OutputDirectory output, string entry) => entry.StartsWith("..", StringComparison.Ordinal) && entry != output.DataTarget && entry is not "..data" and not "..lock";
}
