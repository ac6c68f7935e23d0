using SecretBroker.Aws.Tests.Fakes;

namespace SecretBroker.Aws.Tests;

/// <summary>The independent verifier must reject what a wrong signer would produce, or it proves nothing.</summary>
public sealed class SignatureVerifierTests
{
    [Fact]
    public async Task A_request_signed_by_the_product_verifies_and_any_tampering_does_not()
    {
        using var fake = new FakeSecretsManager { Respond = static _ => FakeSecretsManager.Json(TestBackends.Value("prod/db", "v")) };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);
        await backend.FetchAsync([TestBackends.Secret("prod/db")], CancellationToken.None);
        RecordedRequest signed = Assert.Single(fake.Requests);

        Assert.True(SigV4Verifier.Verify(signed, FakeSecretsManager.SecretKey, out string reason), reason);
        Assert.False(SigV4Verifier.Verify(signed, "another-secret-key", out _));
        Assert.False(SigV4Verifier.Verify(With(signed, body: """{"SecretId":"prod/other"}"""u8.ToArray()), FakeSecretsManager.SecretKey, out _));
        Assert.False(SigV4Verifier.Verify(With(signed, target: "secretsmanager.DescribeSecret"), FakeSecretsManager.SecretKey, out _));
        Assert.False(SigV4Verifier.Verify(With(signed, uri: new Uri("https://secretsmanager.us-east-1.amazonaws.com/")), FakeSecretsManager.SecretKey, out _));
    }

    private static RecordedRequest With(RecordedRequest r, byte[]? body = null, string? target = null, Uri? uri = null)
    {
        var headers = new Dictionary<string, string>(r.Headers, StringComparer.OrdinalIgnoreCase);
        if (target is not null)
        {
            headers["X-Amz-Target"] = target;
        }

        if (body is not null)
        {
            // Keep the declared payload hash consistent with the new body so only the signature can catch it.
            headers["X-Amz-Content-SHA256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));
            headers["Content-Length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new RecordedRequest { Method = r.Method, Uri = uri ?? r.Uri, Headers = headers, Body = body ?? r.Body };
    }
}
