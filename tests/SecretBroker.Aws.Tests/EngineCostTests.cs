using SecretBroker.Aws.Tests.Fakes;
using SecretBroker.Backends;

namespace SecretBroker.Aws.Tests;

/// <summary>The README's cost model, measured through the real refresh engine: calls per cycle for 45 secrets.</summary>
public sealed class EngineCostTests
{
    private const int N = 45;
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Batch_mode_costs_ceil_N_over_20_BatchGetSecretValue_calls_per_cycle()
    {
        var clock = new TestClock();
        var store = new Store();
        using var fake = new FakeSecretsManager { Respond = store.Answer };
        await using SecretRefreshEngine engine = Create(clock, TestBackends.Create(fake, AwsRefreshMode.Batch, clock));

        await engine.StartAsync(CancellationToken.None);
        Assert.Equal(3, fake.Requests.Count);
        await clock.AdvanceToNextTimerAsync();
        await WaitUntilAsync(() => fake.Requests.Count >= 6);
        await clock.WaitForPendingTimerAsync();

        Assert.Equal(6, fake.Calls("BatchGetSecretValue").Count());
        Assert.Equal(6, fake.Requests.Count);
    }

    [Fact]
    public async Task Probe_mode_costs_N_DescribeSecret_calls_plus_a_fetch_of_what_rotated()
    {
        var clock = new TestClock();
        var store = new Store();
        using var fake = new FakeSecretsManager { Respond = store.Answer };
        await using SecretRefreshEngine engine = Create(clock, TestBackends.Create(fake, AwsRefreshMode.Probe, clock));
        await engine.StartAsync(CancellationToken.None);
        Assert.Equal(3, fake.Calls("BatchGetSecretValue").Count());

        long loaded = engine.Current.Number;

        store.Rotate("s07");
        await clock.AdvanceToNextTimerAsync();
        SecretGeneration generation = await engine.WaitForGenerationAsync(loaded, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["s07"], generation.Changed);
        Assert.Equal(N, fake.Calls("DescribeSecret").Count());
        Assert.Equal("s07", Assert.Single(fake.Calls("GetSecretValue")).SecretId());
        Assert.Equal(3, fake.Calls("BatchGetSecretValue").Count());
    }

    private static SecretRefreshEngine Create(TestClock clock, AwsSecretsManagerBackend backend) => new(
        Enumerable.Range(0, N).Select(static i => TestBackends.Secret($"s{i:00}") with { Backend = "aws", Refresh = Refresh }),
        new Dictionary<string, ISecretBackend> { ["aws"] = backend },
        new SecretRefreshEngineOptions { RefreshJitter = 0 },
        clock);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(10);
        }
    }

    /// <summary>A tiny stateful Secrets Manager: each id has a current version id.</summary>
    private sealed class Store
    {
        private readonly Dictionary<string, int> _versions = [];

        public void Rotate(string id)
        {
            lock (_versions)
            {
                _versions[id] = Version(id) + 1;
            }
        }

        public HttpResponseMessage Answer(RecordedRequest r) => r.Operation switch
        {
            "BatchGetSecretValue" => FakeSecretsManager.Json($$"""{"SecretValues":[{{string.Join(",", r.SecretIdList().Select(Value))}}],"Errors":[]}"""),
            "GetSecretValue" => FakeSecretsManager.Json(Value(r.SecretId())),
            "DescribeSecret" => FakeSecretsManager.Json($$$"""{"Name":"{{{r.SecretId()}}}","VersionIdsToStages":{"{{{VersionId(r.SecretId())}}}":["AWSCURRENT"]}}"""),
            _ => FakeSecretsManager.Error("InvalidRequestException", "unexpected"),
        };

        private int Version(string id)
        {
            lock (_versions)
            {
                return _versions.GetValueOrDefault(id);
            }
        }

        private string VersionId(string id) => $"00000000-0000-4000-8000-{Version(id):000000000000}";

        private string Value(string id) => TestBackends.Value(id, $"value-{id}-{Version(id)}", VersionId(id));
    }
}
