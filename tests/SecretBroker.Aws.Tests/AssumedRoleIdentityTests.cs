using System.Net;
using System.Net.Sockets;


using SecretBroker.Aws.Tests.Fakes;
using SecretBroker.Backends;

namespace SecretBroker.Aws.Tests;

/// <summary>
/// The backend's identity text names the assumed-role ARN from STS's answer once an exchange happened, and a failed
/// exchange still reaches the engine as the SDK reports it (a transient credentials failure).
/// </summary>
public sealed class AssumedRoleIdentityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sb-aws-assumed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Identity_names_the_assumed_role_arn_of_the_STS_answer_after_the_first_exchange_and_says_so_before()
    {
        using var sts = new LoopbackSts(TimeSpan.FromHours(1));
        using var fake = new FakeSecretsManager(verifyAccessKey: false) { Respond = _ => FakeSecretsManager.Json(TestBackends.Value("prod/db", "v")) };
        using AwsSecretsManagerBackend backend = await IrsaBackendAsync(sts.Url, fake);

        string before = backend.Identity;
        await backend.FetchAsync([TestBackends.Secret("prod/db")], CancellationToken.None);
        string after = backend.Identity;

        Assert.Contains("role arn:aws:iam::111122223333:role/broker", before, StringComparison.Ordinal);
        Assert.Contains("assumed role not known yet", before, StringComparison.Ordinal);
        Assert.EndsWith(", assumed role arn:aws:sts::111122223333:assumed-role/broker/s", after, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSecretsManager.SecretKey, after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_STS_is_a_transient_credentials_failure_and_leaves_the_assumed_role_unknown()
    {
        using var fake = new FakeSecretsManager(verifyAccessKey: false);
        using AwsSecretsManagerBackend backend = await IrsaBackendAsync(new Uri($"http://127.0.0.1:{ClosedPort()}/"), fake);

        SecretBackendException error = await Assert.ThrowsAsync<SecretBackendException>(async () => await backend.FetchAsync([TestBackends.Secret("prod/db")], CancellationToken.None));

        Assert.Equal(SecretErrorKind.Transient, error.Kind);
        Assert.Contains("cannot obtain AWS credentials", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
        Assert.Contains("assumed role not known yet", backend.Identity, StringComparison.Ordinal);
    }

    private async Task<AwsSecretsManagerBackend> IrsaBackendAsync(Uri sts, FakeSecretsManager fake)
    {
        string token = Path.Combine(_dir, "token");
        await File.WriteAllTextAsync(token, "projected-token-1");
        return TestBackends.Irsa(fake, sts, token);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
