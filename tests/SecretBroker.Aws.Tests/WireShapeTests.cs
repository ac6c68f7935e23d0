using System.Text;

using SecretBroker.Aws.Tests.Fakes;

namespace SecretBroker.Aws.Tests;

public sealed class WireShapeTests
{
    [Fact]
    public async Task GetSecretValue_is_a_signed_json_1_1_post_with_the_secret_id_in_the_body()
    {
        using var fake = new FakeSecretsManager { Respond = static _ => FakeSecretsManager.Json(TestBackends.Value("prod/db", "v")) };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        await backend.FetchAsync([TestBackends.Secret("prod/db")], CancellationToken.None);

        // FakeSecretsManager asserts method, path, content type, target, Authorization shape, token and signature.
        RecordedRequest request = Assert.Single(fake.Requests);
        Assert.Equal("secretsmanager.GetSecretValue", request.Header("X-Amz-Target"));
        Assert.Equal("""{"SecretId":"prod/db"}""", Encoding.UTF8.GetString(request.Body));
        Assert.Equal("secretsmanager.us-west-2.amazonaws.com", request.Uri.Host);
    }

    [Fact]
    public async Task BatchGetSecretValue_sends_the_ids_as_SecretIdList()
    {
        using var fake = new FakeSecretsManager { Respond = static _ => FakeSecretsManager.Json("""{"SecretValues":[],"Errors":[]}""") };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        await backend.FetchAsync([TestBackends.Secret("a"), TestBackends.Secret("b")], CancellationToken.None);

        RecordedRequest request = Assert.Single(fake.Requests);
        Assert.Equal("secretsmanager.BatchGetSecretValue", request.Header("X-Amz-Target"));
        Assert.Equal("""{"SecretIdList":["a","b"]}""", Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public async Task DescribeSecret_sends_only_the_secret_id()
    {
        using var fake = new FakeSecretsManager { Respond = static _ => FakeSecretsManager.Json("""{"VersionIdsToStages":{}}""") };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake, AwsRefreshMode.Probe);

        await backend.ProbeAsync([TestBackends.Secret("prod/db")], CancellationToken.None);

        RecordedRequest request = Assert.Single(fake.Requests);
        Assert.Equal("secretsmanager.DescribeSecret", request.Header("X-Amz-Target"));
        Assert.Equal("""{"SecretId":"prod/db"}""", Encoding.UTF8.GetString(request.Body));
    }
}
