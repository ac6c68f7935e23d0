using SecretBroker.Backends;
using SecretBroker.HuggingFace.Tests.Fakes;

namespace SecretBroker.HuggingFace.Tests;

/// <summary>The exchange is RFC 8693 as the Hub speaks it (protocols.md §11), and presents the token file as it is now.</summary>
public sealed class WireShapeTests
{
    [Fact]
    public async Task A_fetch_posts_the_projected_token_as_a_form_to_oauth_token()
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub();
        using var backend = TestBackends.Create(hub, token);

        SecretFetchResult result = Assert.Single(await backend.FetchAsync([TestBackends.Secret("acme/llama-ft")], CancellationToken.None));

        HubRequest request = Assert.Single(hub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(new Uri("https://hub.example.test/oauth/token"), request.Uri);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("application/json", request.Accept);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
                ["subject_token"] = token.Current,
                ["subject_token_type"] = "urn:ietf:params:oauth:token-type:id_token",
                ["resource"] = "acme/llama-ft",
            },
            request.Form);
        Assert.True(result.Succeeded);
        Assert.Equal("hf_jwt_acme_llama-ft", System.Text.Encoding.UTF8.GetString(result.Value.Span));
    }

    [Fact]
    public async Task An_endpoint_with_a_path_keeps_it()
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub();
        using var backend = TestBackends.Create(hub, token, o => o.Endpoint = new Uri("http://127.0.0.1:9/hub"));

        await backend.FetchAsync([TestBackends.Secret("acme")], CancellationToken.None);

        Assert.Equal(new Uri("http://127.0.0.1:9/hub/oauth/token"), Assert.Single(hub.Requests).Uri);
    }

    [Fact]
    public async Task Every_exchange_reads_the_token_file_again_so_a_rotated_token_is_presented()
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub();
        using var backend = TestBackends.Create(hub, token);
        string first = token.Current;

        await backend.FetchAsync([TestBackends.Secret("acme/llama-ft")], CancellationToken.None);
        string rotated = token.Rotate();
        await backend.FetchAsync([TestBackends.Secret("acme/llama-ft")], CancellationToken.None);

        Assert.NotEqual(first, rotated);
        Assert.Equal([first, rotated], hub.Requests.Select(static r => r.SubjectToken));
    }

    [Fact]
    public async Task Each_resource_is_one_exchange_serving_every_definition_of_it()
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub();
        using var backend = TestBackends.Create(hub, token);

        IReadOnlyList<SecretFetchResult> results = await backend.FetchAsync(
            [TestBackends.Secret("acme/a", "one"), TestBackends.Secret("acme/a", "two"), TestBackends.Secret("acme", "org")], CancellationToken.None);

        Assert.Equal(["acme/a", "acme"], hub.Requests.Select(static r => r.Resource));
        Assert.All(results, static r => Assert.True(r.Succeeded));
        Assert.Equal(results.Single(static r => r.Name == "one").Version, results.Single(static r => r.Name == "two").Version);
        Assert.Equal(1, backend.Capabilities.MaxBatchSize);
    }
}
