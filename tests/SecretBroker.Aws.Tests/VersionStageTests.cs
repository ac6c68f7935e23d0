using System.Text.Json;

using SecretBroker.Aws.Tests.Fakes;
using SecretBroker.Backends;

namespace SecretBroker.Aws.Tests;

public sealed class VersionStageTests
{
    private const string VersionId = "a1b2c3d4-0000-4000-8000-000000000009";

    [Fact]
    public async Task A_stage_other_than_AWSCURRENT_goes_through_GetSecretValue_with_VersionStage()
    {
        using var fake = new FakeSecretsManager { Respond = Answer };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        IReadOnlyList<SecretFetchResult> results = await backend.FetchAsync(
            [TestBackends.Secret("a"), TestBackends.Secret("b"), TestBackends.Secret("a", "a-previous", version: "AWSPREVIOUS")], CancellationToken.None);

        Assert.Equal(["a", "b"], Assert.Single(fake.Calls("BatchGetSecretValue")).SecretIdList());
        JsonElement get = Assert.Single(fake.Calls("GetSecretValue")).Json();
        Assert.Equal("a", get.GetProperty("SecretId").GetString());
        Assert.Equal("AWSPREVIOUS", get.GetProperty("VersionStage").GetString());
        Assert.False(get.TryGetProperty("VersionId", out _));
        Assert.All(results, static r => Assert.True(r.Succeeded, r.Error?.Message));
    }

    [Fact]
    public async Task A_version_id_is_sent_as_VersionId_and_becomes_the_reported_version()
    {
        using var fake = new FakeSecretsManager { Respond = Answer };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        IReadOnlyList<SecretFetchResult> results = await backend.FetchAsync([TestBackends.Secret("a", version: VersionId)], CancellationToken.None);

        JsonElement get = Assert.Single(fake.Calls("GetSecretValue")).Json();
        Assert.Equal(VersionId, get.GetProperty("VersionId").GetString());
        Assert.False(get.TryGetProperty("VersionStage", out _));
        Assert.Equal(VersionId, Assert.Single(results).Version);
    }

    [Fact]
    public async Task An_explicit_AWSCURRENT_is_batched_like_no_version()
    {
        using var fake = new FakeSecretsManager { Respond = Answer };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        await backend.FetchAsync([TestBackends.Secret("a", version: "AWSCURRENT"), TestBackends.Secret("b")], CancellationToken.None);

        Assert.Equal("BatchGetSecretValue", Assert.Single(fake.Requests).Operation);
    }

    [Fact]
    public async Task Two_keys_of_one_staged_secret_are_one_GetSecretValue()
    {
        using var fake = new FakeSecretsManager { Respond = Answer };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        IReadOnlyList<SecretFetchResult> results = await backend.FetchAsync(
            [TestBackends.Secret("a", "a-user", version: "AWSPREVIOUS"), TestBackends.Secret("a", "a-pass", version: "AWSPREVIOUS")], CancellationToken.None);

        Assert.Equal("AWSPREVIOUS", Assert.Single(fake.Calls("GetSecretValue")).Json().GetProperty("VersionStage").GetString());
        Assert.Single(fake.Requests);
        Assert.Equal(2, results.Count);
        Assert.All(results, static r => Assert.True(r.Succeeded, r.Error?.Message));
    }

    [Theory]
    [InlineData("AWSCURRENT", false)]
    [InlineData("AWSPENDING", false)]
    [InlineData("my-custom-stage", false)]
    [InlineData("a1b2c3d4-0000-4000-8000-00000000000a", true)]
    [InlineData("a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d4", true)]
    [InlineData("a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d", false)]
    public void Version_ids_are_told_from_stage_labels(string version, bool isVersionId) =>
        Assert.Equal(isVersionId, Internal.SecretSelector.LooksLikeVersionId(version));

    private static HttpResponseMessage Answer(RecordedRequest r) => r.Operation == "BatchGetSecretValue"
        ? FakeSecretsManager.Json($$"""{"SecretValues":[{{string.Join(",", r.SecretIdList().Select(static id => TestBackends.Value(id, "v")))}}]}""")
        : FakeSecretsManager.Json(TestBackends.Value(r.SecretId(), "v", r.Json().TryGetProperty("VersionId", out JsonElement v) ? v.GetString()! : VersionId));
}
