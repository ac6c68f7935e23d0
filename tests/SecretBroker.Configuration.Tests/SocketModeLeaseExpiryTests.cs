using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration.Tests.Fakes;

namespace SecretBroker.Configuration.Tests;

/// <summary>
/// Socket mode: a secret the sidecar withdrew because its lease ended (503 <c>lease-ended</c>) leaves the configuration
/// with a reload — unlike a sidecar still loading (503 <c>not-loaded</c>), which keeps the last good data — and comes
/// back as soon as the sidecar holds a live value again.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the fake sidecar through IAsyncLifetime.DisposeAsync.
public sealed class SocketModeLeaseExpiryTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly FakeSidecarServer _sidecar = new();

    public Task InitializeAsync() => _sidecar.StartAsync();

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    [Fact]
    public async Task A_withdrawn_secret_leaves_the_configuration_and_returns_with_its_next_live_value()
    {
        _sidecar.Set("hf-token", "hf_live");
        _sidecar.Set("other", "x");
        using ConfigurationRoot configuration = Build();
        await Wait.UntilAsync(() => _sidecar.Requests >= 5, "the long polls to be in place"); // list + 2 gets, then 2 long polls
        Task removed = Wait.ReloadOf(configuration);

        _sidecar.Expire("hf-token");
        await removed.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Null(configuration["hf-token"]);
        Assert.Equal("x", configuration["other"]);

        // Whether or not the poll awaiting a live value is already waiting, the next value reaches it.
        Task back = Wait.ReloadOf(configuration);
        _sidecar.Set("hf-token", "hf_next");
        await back.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("hf_next", configuration["hf-token"]);
    }

    private ConfigurationRoot Build() => (ConfigurationRoot)new ConfigurationBuilder()
        .AddSecretBrokerSidecar(s =>
        {
            s.SocketPath = _sidecar.SocketPath;
            s.LongPollWait = TimeSpan.FromSeconds(30);
            s.RetryInitial = TimeSpan.FromMilliseconds(20);
            s.RetryMax = TimeSpan.FromMilliseconds(200);
        })
        .Build();
}
