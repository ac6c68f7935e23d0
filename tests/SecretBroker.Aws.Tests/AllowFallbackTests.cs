using Microsoft.Extensions.Time.Testing;

using SecretBroker.Aws.Internal;
using SecretBroker.Aws.Tests.Fakes;

namespace SecretBroker.Aws.Tests;

public sealed class AllowFallbackTests
{
    [Theory]
    [InlineData(AwsIdentityMode.Auto)]
    [InlineData(AwsIdentityMode.Irsa)]
    [InlineData(AwsIdentityMode.PodIdentity)]
    public void With_AllowFallback_a_missing_identity_uses_the_SDK_default_chain(AwsIdentityMode mode)
    {
        ResolvedAwsIdentity identity = IdentityFailClosedTests.ResolveWithFallback(mode, []);

        Assert.Equal("fallback", identity.Mode);
        Assert.IsType<DeferredCredentials>(identity.Credentials);
    }

    [Fact]
    public void Without_AllowFallback_the_backend_refuses_to_start()
    {
        var options = new AwsSecretsManagerOptions { Region = "us-west-2", ServiceUrl = TestBackends.Endpoint };

        Assert.Throws<InvalidOperationException>(() => new AwsSecretsManagerBackend(options, TestBackends.NoEnvironment, new FakeSecretsManager(), new FakeTimeProvider(), credentials: null));
    }

    [Fact]
    public void With_AllowFallback_the_backend_starts_and_says_which_identity_it_uses()
    {
        var options = new AwsSecretsManagerOptions { Region = "us-west-2", ServiceUrl = TestBackends.Endpoint, AllowFallback = true };

        using var backend = new AwsSecretsManagerBackend(options, TestBackends.NoEnvironment, new FakeSecretsManager(), new FakeTimeProvider(), credentials: null);

        Assert.Contains("default credential chain", backend.Identity, StringComparison.Ordinal);
    }
}
