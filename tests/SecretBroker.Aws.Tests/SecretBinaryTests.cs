using SecretBroker.Aws.Tests.Fakes;
using SecretBroker.Backends;

namespace SecretBroker.Aws.Tests;

public sealed class SecretBinaryTests
{
    [Fact]
    public async Task SecretBinary_is_delivered_as_its_decoded_bytes()
    {
        byte[] bytes = [0, 1, 2, 254, 255];
        using var fake = new FakeSecretsManager
        {
            Respond = _ => FakeSecretsManager.Json($$"""{"Name":"bin","VersionId":"v-0000000000000000000000000000001","SecretBinary":"{{Convert.ToBase64String(bytes)}}","CreatedDate":1.523477145713E9}"""),
        };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        SecretFetchResult result = Assert.Single(await backend.FetchAsync([TestBackends.Secret("bin")], CancellationToken.None));

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(bytes, result.Value.ToArray());
    }

    [Theory]
    [InlineData("1893456000")]
    [InlineData("1893456000.123")]
    [InlineData("1.523477145713E9")]
    [InlineData("1.523477145713e+9")]
    public void Timestamps_are_read_as_doubles_in_any_number_form(string timestamp)
    {
        using var document = System.Text.Json.JsonDocument.Parse($$"""{"Name":"a","VersionId":"x","SecretString":"v","CreatedDate":{{timestamp}}}""");

        Internal.SecretValueEntry entry = Internal.SecretsManagerJson.ReadSecretValue(document.RootElement);

        Assert.Equal(double.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), entry.CreatedDate);
    }

    [Fact]
    public async Task Invalid_base64_is_a_malformed_response_not_a_crash()
    {
        using var fake = new FakeSecretsManager { Respond = static _ => FakeSecretsManager.Json("""{"Name":"bin","VersionId":"v1","SecretBinary":"not base64!"}""") };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        SecretBackendException error = await Assert.ThrowsAsync<SecretBackendException>(async () => await backend.FetchAsync([TestBackends.Secret("bin")], CancellationToken.None));

        Assert.Contains("malformed response", error.Message, StringComparison.Ordinal);
    }
}
