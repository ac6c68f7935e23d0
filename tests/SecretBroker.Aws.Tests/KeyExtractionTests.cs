using System.Text;

using SecretBroker.Aws.Tests.Fakes;
using SecretBroker.Backends;

namespace SecretBroker.Aws.Tests;

public sealed class KeyExtractionTests
{
    private const string Document = """{"token":"hf_abc","port":5432,"nested":{"a":1}}""";

    [Theory]
    [InlineData("token", "hf_abc")]
    [InlineData("port", "5432")]
    [InlineData("nested", """{"a":1}""")]
    public async Task A_key_extracts_one_top_level_field(string key, string expected)
    {
        SecretFetchResult result = await FetchAsync(Document, key);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(expected, Encoding.UTF8.GetString(result.Value.Span));
    }

    [Fact]
    public async Task Without_a_key_the_whole_SecretString_is_delivered()
    {
        SecretFetchResult result = await FetchAsync(Document, key: null);

        Assert.Equal(Document, Encoding.UTF8.GetString(result.Value.Span));
    }

    [Fact]
    public async Task A_missing_key_is_permanent_and_names_the_id_and_the_key()
    {
        SecretFetchResult result = await FetchAsync(Document, "password");

        Assert.False(result.Succeeded);
        Assert.Equal(SecretErrorKind.Permanent, result.Error.Kind);
        Assert.Contains("'prod/hf'", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("'password'", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_on_a_non_json_secret_is_permanent()
    {
        SecretFetchResult result = await FetchAsync("plain-text-value", "token");

        Assert.Equal(SecretErrorKind.Permanent, result.Error!.Kind);
        Assert.DoesNotContain("plain-text-value", result.Error.Message, StringComparison.Ordinal);
    }

    private static async Task<SecretFetchResult> FetchAsync(string secretString, string? key)
    {
        using var fake = new FakeSecretsManager { Respond = _ => FakeSecretsManager.Json(TestBackends.Value("prod/hf", secretString)) };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);
        return Assert.Single(await backend.FetchAsync([TestBackends.Secret("prod/hf", key: key)], CancellationToken.None));
    }
}
