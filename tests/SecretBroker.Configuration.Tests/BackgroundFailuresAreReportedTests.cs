using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using SecretBroker.Configuration.Tests.Fakes;

namespace SecretBroker.Configuration.Tests;

/// <summary>
/// The sidecar provider's background failures reach the app's logger and <c>OnRefreshError</c> instead of
/// disappearing; a reload callback that throws cannot end the watch; the first-load deadline runs on the injected clock.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the fake sidecar through IAsyncLifetime.DisposeAsync.
public sealed class BackgroundFailuresAreReportedTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly FakeSidecarServer _sidecar = new();
    private readonly ConcurrentQueue<SecretBrokerRefreshError> _errors = new();
    private readonly CollectingLoggerFactory _logs = new();

    public Task InitializeAsync() => _sidecar.StartAsync();

    public async Task DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        _logs.Dispose();
    }

    [Fact]
    public async Task A_sidecar_outage_is_reported_once_as_a_warning_and_its_end_once_as_information()
    {
        _sidecar.Set("hf-token", "hf_canary_before_5e1d");
        using var configuration = Build();
        await Wait.UntilAsync(() => _sidecar.Requests >= 3, "the long poll to be in place");

        await _sidecar.StopAsync();
        await Wait.UntilAsync(() => _logs.Count(5001) >= 2, "repeated failures while the sidecar is down");
        Assert.Equal(1, _logs.Count(5000));
        Assert.Contains(_errors, e => !e.InChangeListener && e.Location == _sidecar.SocketPath);
        Assert.Equal("hf_canary_before_5e1d", configuration["hf-token"]);

        _sidecar.Set("hf-token", "hf_canary_after_77c3");
        await _sidecar.StartAsync();
        await Wait.UntilAsync(() => _logs.Count(5002) == 1, "the recovery logged");
        await Wait.UntilAsync(() => configuration["hf-token"] == "hf_canary_after_77c3", "the caught-up value");
        Assert.Equal(1, _logs.Count(5000));
        Assert.DoesNotContain(_logs.Messages, m => m.Contains("hf_canary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reload_callback_that_throws_is_reported_and_the_watch_goes_on()
    {
        _sidecar.Set("hf-token", "one");
        using var configuration = Build();
        using IDisposable listener = ChangeToken.OnChange(configuration.GetReloadToken, () => throw new InvalidOperationException("a listener bug"));
        await Wait.UntilAsync(() => _sidecar.Requests >= 3, "the long poll to be in place");

        _sidecar.Set("hf-token", "two");
        await Wait.UntilAsync(() => _errors.Count(e => e.InChangeListener) == 1, "the first listener failure reported");
        _sidecar.Set("hf-token", "three");
        await Wait.UntilAsync(() => configuration["hf-token"] == "three", "a later rotation still delivered");

        Assert.Equal(2, _errors.Count(e => e.InChangeListener));
        Assert.All(_errors.Where(e => e.InChangeListener), e => Assert.Equal("a listener bug", e.Exception.Message));
        Assert.Equal(2, _logs.Count(5003));
        Assert.Equal(0, _logs.Count(5000));
    }

    [Fact]
    public async Task The_first_load_gives_up_when_the_injected_clock_passes_its_deadline()
    {
        // A socket that accepts connections (the kernel's backlog) but never answers.
        string path = $"/dev/shm/sb-silent-{Guid.NewGuid():N}.sock";
        using var silent = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        silent.Bind(new UnixDomainSocketEndPoint(path));
        silent.Listen(16);
        try
        {
            var clock = new TestClock();
            Task<IConfigurationRoot> build = Task.Run(() => new ConfigurationBuilder()
                .AddSecretBrokerSidecar(s => { s.SocketPath = path; s.TimeProvider = clock; })
                .Build());

            // Only the fake clock can end it: wait until the deadline's timer is armed, then move past it. With a real
            // 30 s deadline the build would outlast the safety bound below.
            DateTimeOffset deadline = await clock.WaitForPendingTimerAsync();
            Assert.Equal(TimeSpan.FromSeconds(30), deadline - clock.GetUtcNow());
            clock.Advance(TimeSpan.FromSeconds(31));
            await build.ContinueWith(static _ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10));
            Exception failure = await Assert.ThrowsAnyAsync<Exception>(() => build);
            Assert.True(failure is OperationCanceledException or TimeoutException or HttpRequestException, failure.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private ConfigurationRoot Build() => (ConfigurationRoot)new ConfigurationBuilder()
        .AddSecretBrokerSidecar(s =>
        {
            s.SocketPath = _sidecar.SocketPath;
            s.LongPollWait = TimeSpan.FromSeconds(30);
            s.RetryInitial = TimeSpan.FromMilliseconds(20);
            s.RetryMax = TimeSpan.FromMilliseconds(100);
            s.LoggerFactory = _logs;
            s.OnRefreshError = _errors.Enqueue;
        })
        .Build();
}
