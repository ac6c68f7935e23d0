using SecretBroker.Aws.Tests.Fakes;
using SecretBroker.Backends;

namespace SecretBroker.Aws.Tests;

public sealed class ProbeTests
{
    private const string Current = "a1b2c3d4-0000-4000-8000-00000000000a";
    private const string Previous = "a1b2c3d4-0000-4000-8000-000000000009";
    private const string Description = $$$"""{"ARN":"arn:aws:secretsmanager:us-west-2:111122223333:secret:prod/db-Ab12Cd","Name":"prod/db","LastChangedDate":1.8934560005E9,"VersionIdsToStages":{"{{{Current}}}":["AWSCURRENT"],"{{{Previous}}}":["AWSPREVIOUS"]}}""";

    [Fact]
    public void Probe_mode_advertises_the_probe_and_keeps_batches_of_20()
    {
        using var fake = new FakeSecretsManager();
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake, AwsRefreshMode.Probe);

        Assert.Equal(new SecretBackendCapabilities(20, SupportsProbe: true), backend.Capabilities);
    }

    [Fact]
    public async Task The_probe_answers_the_version_id_holding_the_requested_stage()
    {
        using var fake = new FakeSecretsManager { Respond = static _ => FakeSecretsManager.Json(Description) };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake, AwsRefreshMode.Probe);

        IReadOnlyList<SecretVersionProbe> probes = await backend.ProbeAsync(
            [TestBackends.Secret("prod/db", "current"), TestBackends.Secret("prod/db", "previous", version: "AWSPREVIOUS"), TestBackends.Secret("prod/db", "pending", version: "AWSPENDING")],
            CancellationToken.None);

        Assert.Equal(Current, probes.Single(static p => p.Name == "current").Version);
        Assert.Equal(Previous, probes.Single(static p => p.Name == "previous").Version);
        Assert.Null(probes.Single(static p => p.Name == "pending").Version);
        Assert.Equal("DescribeSecret", Assert.Single(fake.Requests).Operation);
    }

    [Fact]
    public async Task A_pinned_version_id_is_its_own_probe_answer_without_a_call()
    {
        using var fake = new FakeSecretsManager();
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake, AwsRefreshMode.Probe);

        SecretVersionProbe probe = Assert.Single(await backend.ProbeAsync([TestBackends.Secret("prod/db", version: Previous)], CancellationToken.None));

        Assert.Equal(Previous, probe.Version);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task A_permanent_error_answers_unknown_so_the_fetch_reports_it()
    {
        using var fake = new FakeSecretsManager { Respond = static _ => FakeSecretsManager.Error("ResourceNotFoundException", "not found") };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake, AwsRefreshMode.Probe);

        SecretVersionProbe probe = Assert.Single(await backend.ProbeAsync([TestBackends.Secret("prod/db")], CancellationToken.None));

        Assert.Null(probe.Version);
    }

    [Fact]
    public async Task A_transient_error_fails_the_whole_probe_so_the_engine_backs_off()
    {
        using var fake = new FakeSecretsManager { Respond = static _ => FakeSecretsManager.Error("ThrottlingException", "Rate exceeded") };
        using AwsSecretsManagerBackend backend = TestBackends.Create(fake, AwsRefreshMode.Probe);

        SecretBackendException error = await Assert.ThrowsAsync<SecretBackendException>(async () => await backend.ProbeAsync([TestBackends.Secret("prod/db")], CancellationToken.None));

        Assert.Equal(SecretErrorKind.Transient, error.Kind);
    }
}
