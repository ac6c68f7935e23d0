using System.Text;

using SecretBroker.Aws.Tests.Fakes;
using SecretBroker.Backends;

namespace SecretBroker.Aws.Tests;

public sealed class BatchingTests
{
    [Fact]
    public async Task Forty_five_secrets_cost_three_BatchGetSecretValue_calls_of_20_20_and_5()
    {
        using var fake = new FakeSecretsManager { Respond = EchoBatch };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);
        SecretDefinition[] secrets = [.. Enumerable.Range(0, 45).Select(static i => TestBackends.Secret($"s{i:00}"))];

        IReadOnlyList<SecretFetchResult> results = await backend.FetchAsync(secrets, CancellationToken.None);

        Assert.Equal([20, 20, 5], fake.Calls("BatchGetSecretValue").Select(static r => r.SecretIdList().Length));
        Assert.Equal(3, fake.Requests.Count);
        Assert.All(results, static r => Assert.True(r.Succeeded));
        Assert.Equal("value-of-s44", Encoding.UTF8.GetString(results.Single(static r => r.Name == "s44").Value.Span));
    }

    [Fact]
    public async Task Capabilities_tell_the_engine_to_send_batches_of_20()
    {
        using var fake = new FakeSecretsManager();
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        Assert.Equal(new SecretBackendCapabilities(20, SupportsProbe: false), backend.Capabilities);
    }

    [Fact]
    public async Task One_secret_is_fetched_with_GetSecretValue()
    {
        using var fake = new FakeSecretsManager { Respond = static _ => FakeSecretsManager.Json(TestBackends.Value("prod/db", "v")) };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        IReadOnlyList<SecretFetchResult> results = await backend.FetchAsync([TestBackends.Secret("prod/db")], CancellationToken.None);

        Assert.Equal("GetSecretValue", Assert.Single(fake.Requests).Operation);
        Assert.Equal("a1b2c3d4-0000-4000-8000-00000000000a", Assert.Single(results).Version);
    }

    [Fact]
    public async Task Definitions_sharing_an_id_ask_for_it_once()
    {
        using var fake = new FakeSecretsManager { Respond = EchoBatch };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        IReadOnlyList<SecretFetchResult> results = await backend.FetchAsync(
            [TestBackends.Secret("db", "a"), TestBackends.Secret("db", "b"), TestBackends.Secret("other")], CancellationToken.None);

        Assert.Equal(["db", "other"], Assert.Single(fake.Requests).SecretIdList());
        Assert.Equal(3, results.Count(static r => r.Succeeded));
    }

    [Fact]
    public async Task Values_are_matched_by_name_full_arn_or_partial_arn()
    {
        const string Arn = "arn:aws:secretsmanager:us-west-2:111122223333:secret:prod/db";
        using var fake = new FakeSecretsManager { Respond = static _ => FakeSecretsManager.Json($$"""{"SecretValues":[{{TestBackends.Value("prod/db", "v")}}]}""") };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        IReadOnlyList<SecretFetchResult> results = await backend.FetchAsync(
            [TestBackends.Secret("prod/db", "by-name"), TestBackends.Secret(Arn + "-Ab12Cd", "by-arn"), TestBackends.Secret(Arn, "by-partial-arn")], CancellationToken.None);

        Assert.All(results, static r => Assert.True(r.Succeeded, r.Error?.Message));
    }

    private static HttpResponseMessage EchoBatch(RecordedRequest request) =>
        FakeSecretsManager.Json($$"""{"SecretValues":[{{string.Join(",", request.SecretIdList().Select(static id => TestBackends.Value(id, "value-of-" + id)))}}],"Errors":[]}""");
}
