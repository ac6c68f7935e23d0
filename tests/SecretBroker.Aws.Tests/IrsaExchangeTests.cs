using SecretBroker.Aws.Tests.Fakes;

namespace SecretBroker.Aws.Tests;

/// <summary>IRSA through the real SDK credentials and STS client, against a loopback STS reached via AWS_ENDPOINT_URL_STS.</summary>
public sealed class IrsaExchangeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sb-aws-irsa-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Requests_are_signed_with_the_exchanged_credentials_and_each_exchange_rereads_the_token_file()
    {
        // Lifetime under the SDK's 15 min pre-emption window: once issued, the credentials are due for renewal, and the
        // SDK (4.0.102.19) renews them in the background while the current ones keep signing.
        using var sts = new LoopbackSts(TimeSpan.FromMinutes(10));
        string token = Path.Combine(_dir, "token");
        await File.WriteAllTextAsync(token, "projected-token-1");
        var keys = new List<string>();
        using var fake = new FakeSecretsManager(verifyAccessKey: false)
        {
            Respond = r =>
            {
                keys.Add(r.Header("Authorization")!.Split("Credential=")[1].Split('/')[0]);
                return FakeSecretsManager.Json(TestBackends.Value("prod/db", "v"));
            },
        };
        using var backend = TestBackends.Irsa(fake, sts.Url, token);

        await backend.FetchAsync([TestBackends.Secret("prod/db")], CancellationToken.None);
        await File.WriteAllTextAsync(token, "projected-token-2");
        await backend.FetchAsync([TestBackends.Secret("prod/db")], CancellationToken.None);
        await WaitUntilAsync(() => sts.Tokens.Count >= 2);

        // The SDK swaps the renewed credentials in on its own background schedule: the next requests are signed with
        // them once it has (fetch until then, with a deadline).
        await WaitUntilAsync(async () =>
        {
            await backend.FetchAsync([TestBackends.Secret("prod/db")], CancellationToken.None);
            return keys[^1] == LoopbackSts.AccessKeyFor(2);
        });

        Assert.Equal(["projected-token-1", "projected-token-2"], sts.Tokens.Take(2));
        Assert.Equal(LoopbackSts.AccessKeyFor(1), keys[0]);
        Assert.Equal(LoopbackSts.AccessKeyFor(2), keys[^1]);
        Assert.Contains("role arn:aws:iam::111122223333:role/broker", backend.Identity, StringComparison.Ordinal);
    }

    // A real socket and the SDK's own background refresh: wait on the condition with a deadline, never a fixed sleep.
    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 20 s");
            await Task.Delay(20);
        }
    }
}
