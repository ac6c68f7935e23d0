using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Outputs.Files;

using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary><c>format: aws-credentials</c> and <c>format: dotenv</c>, written in the same generation as everything else.</summary>
[Collection(FilesOutputTestGroup.Name)]
public class FormatTests
{
    private const string Keys = """{"AccessKeyId":"ASIAEXAMPLE123","SecretAccessKey":"wJalr/K7MDENG+bPxRfiCY","SessionToken":"IQoJb3JpZ2luX2Vj//token=","Expiration":"2030-01-02T04:04:05+01:00","AccountId":"111122223333"}""";

    private static SecretFileLayout Layout(params (string Name, SecretFileFormat Format)[] formats) =>
        new(formats.ToDictionary(f => f.Name, f => new SecretFileDelivery(SecretProfile.None, f.Format)));

    [Fact]
    public void Aws_credentials_is_a_shared_credentials_file_with_a_session_token_and_an_expiration_comment()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: Layout(("s3", SecretFileFormat.AwsCredentials)));

        writer.Write(Generation(1, ("s3", Keys)));

        Assert.Equal(
            "# expiration: 2030-01-02T03:04:05Z\n[default]\naws_access_key_id = ASIAEXAMPLE123\naws_secret_access_key = wJalr/K7MDENG+bPxRfiCY\naws_session_token = IQoJb3JpZ2luX2Vj//token=\n",
            output.ReadVisible("s3"));
    }

    [Fact]
    public void Aws_credentials_without_a_session_token_or_expiration_has_just_the_two_keys()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: Layout(("s3", SecretFileFormat.AwsCredentials)));

        writer.Write(Generation(1, ("s3", """{"AccessKeyId":"AKIAEXAMPLE","SecretAccessKey":"secret"}""")));

        Assert.Equal("[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n", output.ReadVisible("s3"));
    }

    [Theory]
    [InlineData("not json at all", "not JSON")]
    [InlineData("""["a"]""", "not a JSON object")]
    [InlineData("""{"SecretAccessKey":"s"}""", "AccessKeyId")]
    [InlineData("""{"AccessKeyId":"A","SecretAccessKey":"line\n[evil]"}""", "SecretAccessKey")]
    [InlineData("""{"AccessKeyId":"A","SecretAccessKey":"s","Expiration":"tomorrow"}""", "Expiration")]
    [InlineData("""{"AccessKeyId":1,"SecretAccessKey":"s"}""", "AccessKeyId")]
    public void Aws_credentials_that_do_not_fit_keep_the_last_good_file_and_name_the_secret_and_the_problem(string value, string problem)
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: Layout(("s3", SecretFileFormat.AwsCredentials)));
        writer.Write(Generation(1, ("s3", Keys), ("other", "1")));
        string good = output.ReadVisible("s3");

        writer.Write(Generation(2, ("s3", value), ("other", "2")));

        Assert.Equal(good, output.ReadVisible("s3"));
        Assert.Equal("2", output.ReadVisible("other"));
        var refused = Assert.Single(output.Logger.Events, e => e.EventId == 2030);
        Assert.Contains("s3", refused.Message, StringComparison.Ordinal);
        Assert.Contains("aws-credentials", refused.Message, StringComparison.Ordinal);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotenv_writes_one_single_quoted_line_per_field_in_order()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: Layout(("env", SecretFileFormat.Dotenv)));

        writer.Write(Generation(1, ("env", """{"DB_URL":"postgres://u:p@h/db?x=$HOME","PORT":5432,"DEBUG":false,"_X1":"a b\"c"}""")));

        Assert.Equal("DB_URL='postgres://u:p@h/db?x=$HOME'\nPORT='5432'\nDEBUG='false'\n_X1='a b\"c'\n", output.ReadVisible("env"));
    }

    [Fact]
    public void A_dotenv_file_is_read_back_unchanged_by_a_shell()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: Layout(("env", SecretFileFormat.Dotenv)));
        writer.Write(Generation(1, ("env", """{"A":"x $HOME `id` \"q\" ; echo no","B":"2"}""")));

        string printed = Run("sh", "-c", $"set -a; . '{output.Entry("env")}'; printf '%s|%s' \"$A\" \"$B\"");

        Assert.Equal("x $HOME `id` \"q\" ; echo no|2", printed);
    }

    [Theory]
    [InlineData("""{"1BAD":"x"}""", "field 1 ")]
    [InlineData("""{"OK":"x","has-dash":"y"}""", "field 2 ")]
    [InlineData("""{"A":"it's"}""", "field A ")]
    [InlineData("""{"A":"back\\slash"}""", "field A ")]
    [InlineData("""{"A":"two\nlines"}""", "field A ")]
    [InlineData("""{"A":{"nested":1}}""", "field A ")]
    [InlineData("""{"A":null}""", "field A ")]
    [InlineData("""{"A":"1","A":"2"}""", "more than once")]
    [InlineData("plain text", "not JSON")]
    public void Dotenv_values_that_do_not_fit_are_refused_naming_the_field_never_the_value(string value, string problem)
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: Layout(("env", SecretFileFormat.Dotenv)));

        writer.Write(Generation(1, ("env", value), ("other", "1")));

        Assert.False(File.Exists(output.Entry("env")));
        Assert.Equal("1", output.ReadVisible("other"));
        var refused = Assert.Single(output.Logger.Events, e => e.EventId == 2030);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("has-dash", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1BAD", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_stays_exactly_the_value_bytes_beside_formatted_secrets()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer(layout: Layout(("env", SecretFileFormat.Dotenv)));

        writer.Write(Generation(1, ("env", """{"A":"1"}"""), ("raw", "{\"A\":\"1\"}\n")));

        Assert.Equal("{\"A\":\"1\"}\n", output.ReadVisible("raw"));
        Assert.Equal("A='1'\n", output.ReadVisible("env"));
    }
}
