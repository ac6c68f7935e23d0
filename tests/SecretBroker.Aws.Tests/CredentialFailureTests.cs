using Amazon.Runtime;

using Microsoft.Extensions.Time.Testing;

using SecretBroker.Aws.Tests.Fakes;
using SecretBroker.Backends;

namespace SecretBroker.Aws.Tests;

public sealed class CredentialFailureTests
{
    [Fact]
    public async Task A_failed_credential_exchange_is_transient_and_sends_nothing()
    {
        using var fake = new FakeSecretsManager();
        using var backend = new AwsSecretsManagerBackend(
            new AwsSecretsManagerOptions { Region = "us-west-2", ServiceUrl = TestBackends.Endpoint },
            TestBackends.NoEnvironment, fake, new FakeTimeProvider(), new FailingCredentials());

        SecretBackendException error = await Assert.ThrowsAsync<SecretBackendException>(async () => await backend.FetchAsync([TestBackends.Secret("prod/db")], CancellationToken.None));

        Assert.Equal(SecretErrorKind.Transient, error.Kind);
        Assert.Contains("cannot obtain AWS credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains("'prod/db'", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    private sealed class FailingCredentials : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw new AmazonClientException("Error calling AssumeRole for role arn:aws:iam::111122223333:role/broker");

        public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromException<ImmutableCredentials>(new AmazonClientException("Error calling AssumeRole for role arn:aws:iam::111122223333:role/broker"));
    }
}
