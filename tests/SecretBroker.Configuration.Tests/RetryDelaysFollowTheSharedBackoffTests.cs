using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration.Tests.Fakes;

namespace SecretBroker.Configuration.Tests;

/// <summary>
/// The sidecar provider retries with Core's <see cref="ExponentialBackoff"/> (floored at a tenth of the ceiling, so a
/// retry is never a hot loop): each delay lies within its attempt's bounds, the bounds grow to the cap, and a success
/// starts them over.
/// </summary>
public sealed class RetryDelaysFollowTheSharedBackoffTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryInitial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryMax = TimeSpan.FromSeconds(64);

    private readonly KubeletStyleDirectory _dir = new();
    private readonly TestClock _clock = new();
    private readonly ConcurrentQueue<SecretBrokerRefreshError> _errors = new();

    // The bounds only: the draw itself is random.
    private readonly ExponentialBackoff _shared = new(RetryInitial, RetryMax, new Random(1));

    [Fact]
    public async Task Retry_delays_stay_within_the_shared_backoff_grow_to_its_cap_and_start_over_after_a_success()
    {
        _dir.Publish(("hf-token", "v1"));
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder()
            .AddSecretBrokerSidecar(s =>
            {
                s.SecretsDirectory = _dir.Path;
                s.PollInterval = Poll;
                s.RetryInitial = RetryInitial;
                s.RetryMax = RetryMax;
                s.TimeProvider = _clock;
                s.OnRefreshError = _errors.Enqueue;
            })
            .Build();
        await configuration.FirstPollAsync();
        Assert.Equal(Poll, await NextWaitAsync()); // healthy: the poll interval

        Directory.Delete(_dir.Path, recursive: true);
        List<TimeSpan> delays = await FailingDelaysAsync(configuration, count: 9);

        for (int attempt = 0; attempt < delays.Count; attempt++)
        {
            TimeSpan ceiling = _shared.Ceiling(attempt);
            Assert.InRange(delays[attempt], ceiling * 0.1, ceiling);
        }

        Assert.True(delays[6] > _shared.Ceiling(0), $"attempt 6 waited {delays[6]}, no longer than attempt 0 may");
        Assert.Equal(RetryMax, _shared.Ceiling(8)); // the last attempts ran at the cap (asserted in range above)

        // A success ends the run: the loop polls at the poll interval again, and the next failure starts from attempt 0.
        Directory.CreateDirectory(_dir.Path);
        _dir.Publish(("hf-token", "v2"));
        await configuration.NextPollAsync(_clock);
        Assert.Equal("v2", configuration["hf-token"]);
        Assert.Equal(Poll, await NextWaitAsync());

        Directory.Delete(_dir.Path, recursive: true);
        TimeSpan afterSuccess = Assert.Single(await FailingDelaysAsync(configuration, count: 1));
        Assert.InRange(afterSuccess, RetryInitial * 0.1, RetryInitial);
        Directory.CreateDirectory(_dir.Path);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir.Path))
        {
            _dir.Dispose();
        }
    }

    /// <summary>How long the loop now sleeps.</summary>
    private async Task<TimeSpan> NextWaitAsync() => await _clock.WaitForPendingTimerAsync() - _clock.GetUtcNow();

    private async Task<List<TimeSpan>> FailingDelaysAsync(ConfigurationRoot configuration, int count)
    {
        var delays = new List<TimeSpan>();
        for (int i = 0; i < count; i++)
        {
            int errors = _errors.Count;
            await configuration.NextPollAsync(_clock);
            Assert.Equal(errors + 1, _errors.Count); // this look failed
            delays.Add(await NextWaitAsync());
        }

        return delays;
    }
}
