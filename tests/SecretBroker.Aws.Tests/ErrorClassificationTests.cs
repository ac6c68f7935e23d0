using System.Net;

using Microsoft.Extensions.Time.Testing;

using SecretBroker.Aws.Tests.Fakes;
using SecretBroker.Backends;

namespace SecretBroker.Aws.Tests;

public sealed class ErrorClassificationTests
{
    [Theory]
    [InlineData("ResourceNotFoundException", SecretErrorKind.Permanent)]
    [InlineData("AccessDeniedException", SecretErrorKind.Permanent)]
    [InlineData("InvalidParameterException", SecretErrorKind.Permanent)]
    [InlineData("InvalidRequestException", SecretErrorKind.Permanent)]
    [InlineData("DecryptionFailure", SecretErrorKind.Permanent)]
    [InlineData("UnrecognizedClientException", SecretErrorKind.Permanent)]
    [InlineData("InvalidSignatureException", SecretErrorKind.Permanent)]
    [InlineData("IncompleteSignature", SecretErrorKind.Permanent)]
    [InlineData("com.amazonaws.secretsmanager#ResourceNotFoundException", SecretErrorKind.Permanent)]
    [InlineData("ExpiredTokenException", SecretErrorKind.Transient)]
    [InlineData("ThrottlingException", SecretErrorKind.Transient)]
    [InlineData("InternalServiceError", SecretErrorKind.Transient)]
    public async Task Each_AWS_error_code_has_its_kind_and_is_named_with_the_secret_id(string type, SecretErrorKind kind)
    {
        using var fake = new FakeSecretsManager { Respond = _ => FakeSecretsManager.Error(type, "details") };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        SecretBackendException error = await FetchFailureAsync(backend);

        Assert.Equal(kind, error.Kind);
        Assert.Contains("'prod/db'", error.Message, StringComparison.Ordinal);
        Assert.Contains(type[(type.IndexOf('#', StringComparison.Ordinal) + 1)..], error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, SecretErrorKind.Transient)]
    [InlineData(HttpStatusCode.InternalServerError, SecretErrorKind.Transient)]
    [InlineData(HttpStatusCode.BadGateway, SecretErrorKind.Transient)]
    [InlineData(HttpStatusCode.ServiceUnavailable, SecretErrorKind.Transient)]
    [InlineData(HttpStatusCode.GatewayTimeout, SecretErrorKind.Transient)]
    [InlineData(HttpStatusCode.Forbidden, SecretErrorKind.Permanent)]
    public async Task A_status_without_an_error_code_is_classified_by_status(HttpStatusCode status, SecretErrorKind kind)
    {
        using var fake = new FakeSecretsManager { Respond = _ => new HttpResponseMessage(status) { Content = new StringContent("<html>gateway</html>") } };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        SecretBackendException error = await FetchFailureAsync(backend);

        Assert.Equal(kind, error.Kind);
        Assert.Contains($"HTTP {(int)status}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_After_in_seconds_is_honoured()
    {
        using var fake = new FakeSecretsManager
        {
            Respond = static _ =>
            {
                HttpResponseMessage response = FakeSecretsManager.Error("ThrottlingException", "Rate exceeded");
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
                return response;
            },
        };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        SecretBackendException error = await FetchFailureAsync(backend);

        Assert.Equal(SecretErrorKind.Transient, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task Retry_After_as_a_date_is_measured_on_the_injected_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        using var fake = new FakeSecretsManager
        {
            Respond = _ =>
            {
                HttpResponseMessage response = new(HttpStatusCode.ServiceUnavailable);
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(30));
                return response;
            },
        };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake, time: time);

        SecretBackendException error = await FetchFailureAsync(backend);

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
    }

    [Fact]
    public async Task Network_failures_are_transient()
    {
        using var fake = new FakeSecretsManager { Respond = static _ => throw new HttpRequestException("connection refused") };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        SecretBackendException error = await FetchFailureAsync(backend);

        Assert.Equal(SecretErrorKind.Transient, error.Kind);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_timeout_is_transient_but_the_callers_cancellation_propagates()
    {
        using var fake = new FakeSecretsManager { Respond = static _ => throw new TaskCanceledException("timed out", new TimeoutException()) };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        SecretBackendException error = await FetchFailureAsync(backend);
        Assert.Equal(SecretErrorKind.Transient, error.Kind);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await backend.FetchAsync([TestBackends.Secret("prod/db")], cancelled.Token));
    }

    [Fact]
    public async Task Per_id_batch_errors_become_per_item_failures()
    {
        using var fake = new FakeSecretsManager
        {
            Respond = static _ => FakeSecretsManager.Json($$"""
                {"SecretValues":[{{TestBackends.Value("ok", "v")}}],
                 "Errors":[{"SecretId":"gone","ErrorCode":"ResourceNotFoundException","Message":"Secrets Manager can't find the specified secret."},
                           {"SecretId":"busy","ErrorCode":"ThrottlingException","Message":"Rate exceeded"}]}
                """),
        };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        IReadOnlyList<SecretFetchResult> results = await backend.FetchAsync(
            [TestBackends.Secret("ok"), TestBackends.Secret("gone"), TestBackends.Secret("busy"), TestBackends.Secret("silent")], CancellationToken.None);

        Assert.True(results.Single(static r => r.Name == "ok").Succeeded);
        Assert.Equal(SecretErrorKind.Permanent, results.Single(static r => r.Name == "gone").Error!.Kind);
        Assert.Contains("'gone'", results.Single(static r => r.Name == "gone").Error!.Message, StringComparison.Ordinal);
        Assert.Equal(SecretErrorKind.Transient, results.Single(static r => r.Name == "busy").Error!.Kind);
        Assert.Equal(SecretErrorKind.Transient, results.Single(static r => r.Name == "silent").Error!.Kind);
    }

    private static async Task<SecretBackendException> FetchFailureAsync(AwsSecretsManagerBackend backend) =>
        await Assert.ThrowsAsync<SecretBackendException>(async () => await backend.FetchAsync([TestBackends.Secret("prod/db")], CancellationToken.None));
}
