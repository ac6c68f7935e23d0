using SecretBroker.Aws.Tests.Fakes;

namespace SecretBroker.Aws.Tests;

public sealed class DisposalTests
{
    [Fact]
    public async Task Disposing_the_backend_disposes_its_one_http_pipeline()
    {
        using var fake = new FakeSecretsManager { Respond = static _ => FakeSecretsManager.Json(TestBackends.Value("a", "v")) };
        AwsSecretsManagerBackend backend = TestBackends.Create(fake);
        await backend.FetchAsync([TestBackends.Secret("a")], CancellationToken.None);
        await backend.FetchAsync([TestBackends.Secret("a")], CancellationToken.None);
        Assert.False(fake.Disposed);

        await backend.DisposeAsync();

        Assert.True(fake.Disposed);
    }
}
