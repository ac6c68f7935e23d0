using System.Net;
using System.Net.Http.Headers;
using SecretBroker.Backends;
using SecretBroker.HuggingFace.Tests.Fakes;

namespace SecretBroker.HuggingFace.Tests;

/// <summary>
/// The Hub's OAuth refusals (4xx) are permanent until something changes elsewhere; throttling, server errors, network
/// trouble, timeouts and malformed answers are transient; the token file is judged at every exchange.
/// </summary>
public sealed class ErrorClassificationTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "invalid_grant")]
    [InlineData(HttpStatusCode.Unauthorized, "invalid_grant")]
    [InlineData(HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData(HttpStatusCode.Forbidden, "access_denied")]
    public async Task An_OAuth_refusal_is_permanent_and_names_the_resource_and_the_error(HttpStatusCode status, string error)
    {
        SecretBackendException failure = await FailureAsync((_, _) => Task.FromResult(FakeHub.OAuthError(error, "subject does not match any trusted publisher", status)));

        Assert.Equal(SecretErrorKind.Permanent, failure.Kind);
        Assert.Contains("'acme/llama-ft'", failure.Message, StringComparison.Ordinal);
        Assert.Contains(error, failure.Message, StringComparison.Ordinal);
        Assert.Contains($"HTTP {(int)status}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("subject does not match any trusted publisher", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Throttling_and_server_errors_are_transient_and_honour_Retry_After(HttpStatusCode status)
    {
        SecretBackendException failure = await FailureAsync((_, _) =>
        {
            HttpResponseMessage response = FakeHub.Json("upstream trouble", status);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(42));
            return Task.FromResult(response);
        });

        Assert.Equal(SecretErrorKind.Transient, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(42), failure.RetryAfter);
        Assert.Contains($"HTTP {(int)status}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_network_failure_is_transient()
    {
        SecretBackendException failure = await FailureAsync((_, _) => throw new HttpRequestException("connection refused"));

        Assert.Equal(SecretErrorKind.Transient, failure.Kind);
        Assert.Contains("connection refused", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hub_slower_than_the_request_timeout_is_a_transient_timeout()
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub
        {
            Respond = static async (_, cancellationToken) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                return FakeHub.Json("{}");
            },
        };
        using var backend = TestBackends.Create(hub, token, o => o.RequestTimeout = TimeSpan.FromSeconds(1));

        SecretFetchResult result = Assert.Single(await backend.FetchAsync([TestBackends.Secret("acme/llama-ft")], CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(SecretErrorKind.Transient, result.Error!.Kind);
        Assert.Contains("timed out after 1 s", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"token_type":"Bearer","expires_in":3600}""")]
    [InlineData("""{"access_token":"","expires_in":3600}""")]
    [InlineData("""{"access_token":"hf_jwt_x","expires_in":-5}""")]
    [InlineData("""{"access_token":"hf_jwt_x","expires_in":"soon"}""")]
    public async Task A_malformed_answer_is_transient(string body)
    {
        SecretBackendException failure = await FailureAsync((_, _) => Task.FromResult(FakeHub.Json(body)));

        Assert.Equal(SecretErrorKind.Transient, failure.Kind);
        Assert.Contains("malformed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_file_gone_after_start_is_transient_and_named()
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub();
        using var backend = TestBackends.Create(hub, token);
        File.Delete(token.Path);

        var failure = await Assert.ThrowsAsync<SecretBackendException>(async () => await backend.FetchAsync([TestBackends.Secret("acme")], CancellationToken.None));

        Assert.Equal(SecretErrorKind.Transient, failure.Kind);
        Assert.Contains(token.Path, failure.Message, StringComparison.Ordinal);
        Assert.Empty(hub.Requests);
    }

    [Fact]
    public async Task A_token_rotated_to_another_audience_is_permanent_and_never_sent()
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub();
        using var backend = TestBackends.Create(hub, token);
        token.Rotate("vault");

        var failure = await Assert.ThrowsAsync<SecretBackendException>(async () => await backend.FetchAsync([TestBackends.Secret("acme")], CancellationToken.None));

        Assert.Equal(SecretErrorKind.Permanent, failure.Kind);
        Assert.Contains("[vault]", failure.Message, StringComparison.Ordinal);
        Assert.Empty(hub.Requests);
    }

    [Fact]
    public async Task A_refused_resource_fails_alone_while_another_resource_of_the_call_succeeds()
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub
        {
            Respond = static (request, _) => Task.FromResult(request.Resource == "acme/private"
                ? FakeHub.OAuthError("invalid_grant", "not trusted for this resource")
                : FakeHub.Token("hf_jwt_ok", 3600)),
        };
        using var backend = TestBackends.Create(hub, token);

        IReadOnlyList<SecretFetchResult> results = await backend.FetchAsync([TestBackends.Secret("acme/private"), TestBackends.Secret("acme/public")], CancellationToken.None);

        Assert.False(results.Single(static r => r.Name == "hf-acme-private").Succeeded);
        Assert.True(results.Single(static r => r.Name == "hf-acme-public").Succeeded);
    }

    private static async Task<SecretBackendException> FailureAsync(Func<HubRequest, CancellationToken, Task<HttpResponseMessage>> respond)
    {
        using var token = new ProjectedToken();
        using var hub = new FakeHub { Respond = respond };
        using var backend = TestBackends.Create(hub, token);
        SecretFetchResult result = Assert.Single(await backend.FetchAsync([TestBackends.Secret("acme/llama-ft")], CancellationToken.None));
        Assert.False(result.Succeeded);
        return result.Error;
    }
}
