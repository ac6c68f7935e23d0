using SecretBroker.Aws.Tests.Fakes;
using SecretBroker.Backends;

namespace SecretBroker.Aws.Tests;

/// <summary>A value planted in responses must never reach an exception message.</summary>
public sealed class CanaryTests
{
    private const string Canary = "CANARY-7f3a9c-never-print-me";

    [Fact]
    public async Task Not_found_names_the_id_and_carries_no_value()
    {
        using var fake = new FakeSecretsManager { Respond = static _ => FakeSecretsManager.Error("ResourceNotFoundException", "Secrets Manager can't find the specified secret.") };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake);

        SecretBackendException error = await Assert.ThrowsAsync<SecretBackendException>(async () => await backend.FetchAsync([TestBackends.Secret("prod/missing")], CancellationToken.None));

        Assert.Equal(SecretErrorKind.Permanent, error.Kind);
        Assert.Contains("'prod/missing'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ResourceNotFoundException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_failure_path_quotes_a_value_from_the_response()
    {
        string[] bodies =
        [
            $$"""{"Name":"a","VersionId":"v1","SecretString":"{\"token\":\"{{Canary}}\"}"}""",            // missing key
            $$"""{"Name":"a","VersionId":"v1","SecretString":"{{Canary}}"}""",                            // key on non-JSON
            $$"""{"Name":"a","SecretString":"{{Canary}}"}""",                                             // no version id
            $$"""{"Name":"a","VersionId":"v1","SecretString":"{{Canary}}" """,                            // truncated JSON
            $$"""{"Name":"a","VersionId":"v1","SecretString":"{{Canary}}",}""",                           // trailing comma
            $$"""{"Name":"a","VersionId":"v1","SecretBinary":"{{Canary}}!"}""",                           // bad base64
            $$"""{"Name":"a","VersionId":"v1","SecretString":{{Canary}}}""",                              // bare token
        ];
        foreach (string body in bodies)
        {
            using var fake = new FakeSecretsManager { Respond = _ => FakeSecretsManager.Json(body) };
            using AwsSecretsManagerBackend backend = TestBackends.Create(fake);
            string message;
            try
            {
                SecretFetchResult result = Assert.Single(await backend.FetchAsync([TestBackends.Secret("a", key: "password")], CancellationToken.None));
                message = Describe(result.Error);
            }
            catch (SecretBackendException ex)
            {
                message = Describe(ex);
            }

            Assert.NotEmpty(message);
            Assert.DoesNotContain(Canary, message, StringComparison.Ordinal);
        }
    }

    private static string Describe(Exception? exception) =>
        exception is null ? string.Empty : exception.ToString() + Describe(exception.InnerException);
}
