using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using SecretBroker.Configuration.Tests.Direct.Fakes;
using SecretBroker.Configuration.Tests.Fakes;

namespace SecretBroker.Configuration.Tests.Direct;

public sealed class ReloadTests
{
    [Fact]
    public async Task The_reload_token_fires_once_per_real_change_and_not_for_a_new_version_of_the_same_bytes()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("a", "first", "v1");
        using ConfigurationRoot root = broker.Build(b => b.AddSecret("a", "main", "a", refresh: DirectBroker.Refresh));
        using var reloads = new ReloadCounter(root);

        // The engine publishes a generation for the new version; the keys and bytes are the same, so no reload.
        broker.Backend().Set("a", "first", "v2");
        await broker.RefreshCycleAsync();

        // Generations are applied in order: had the one above fired, this reload would be the second.
        broker.Backend().Set("a", "second", "v3");
        await broker.RefreshCycleAsync();
        await reloads.WaitForAsync(1);

        Assert.Equal("second", root["a"]);
        Assert.Equal(1, reloads.Count);
    }

    [Fact]
    public async Task A_failing_refresh_keeps_the_last_good_data_reports_it_once_and_reports_the_recovery()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("a", "good", "v1");
        using ConfigurationRoot root = broker.Build(b => b.AddSecret("a", "main", "a", refresh: DirectBroker.Refresh));
        using var reloads = new ReloadCounter(root);

        broker.Backend().FailAlways("a", ScriptedBackend.Transient("throttled"));
        await broker.RefreshCycleAsync();
        await broker.RefreshCycleAsync();

        Assert.Equal("good", root["a"]);
        Assert.Equal(0, reloads.Count);
        Assert.Equal(1, broker.Logs.Count(5101));
        Assert.Equal(1, broker.Logs.Count(5102));
        Assert.Equal(2, broker.Errors.Count);
        Assert.All(broker.Errors, e => Assert.Equal(("a", "main", false, "throttled"), (e.Secret, e.Backend, e.InChangeListener, e.Exception.Message)));

        broker.Backend().Heal("a");
        broker.Backend().Set("a", "better", "v2");
        await broker.RefreshCycleAsync();
        await reloads.WaitForAsync(1);

        // One reload in all: the generations that only flagged the value stale (and fresh again) fired none.
        Assert.Equal("better", root["a"]);
        Assert.Equal(1, reloads.Count);
        Assert.Equal(1, broker.Logs.Count(5103));
    }

    [Fact]
    public async Task A_reload_listener_that_throws_is_reported_and_refreshing_goes_on()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("a", "one", "v1");
        using ConfigurationRoot root = broker.Build(b => b.AddSecret("a", "main", "a", refresh: DirectBroker.Refresh));
        using IDisposable throwing = ChangeToken.OnChange(root.GetReloadToken, static () => throw new InvalidOperationException("listener bug"));
        using var reloads = new ReloadCounter(root);

        broker.Backend().Set("a", "two", "v2");
        await broker.RefreshCycleAsync();
        await reloads.WaitForAsync(1);
        broker.Backend().Set("a", "three", "v3");
        await broker.RefreshCycleAsync();
        await reloads.WaitForAsync(2);

        Assert.Equal("three", root["a"]);
        Assert.True(broker.Logs.Count(5105) >= 1);
        SecretBrokerRefreshError reported = broker.Errors.First();
        Assert.True(reported.InChangeListener);
        Assert.Equal("listener bug", reported.Exception.Message);
    }

    [Fact]
    public async Task A_throwing_error_callback_is_logged_and_refreshing_goes_on()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("a", "one", "v1");
        using ConfigurationRoot root = broker.Build(b =>
        {
            b.OnRefreshError = static _ => throw new InvalidOperationException("callback bug");
            b.AddSecret("a", "main", "a", refresh: DirectBroker.Refresh);
        });

        broker.Backend().FailAlways("a", ScriptedBackend.Transient("throttled"));
        await broker.RefreshCycleAsync();
        broker.Backend().Heal("a");
        broker.Backend().Set("a", "two", "v2");
        Task reload = Wait.ReloadOf(root);
        await broker.RefreshCycleAsync();
        await reload.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("two", root["a"]);
        Assert.Equal(1, broker.Logs.Count(5106));
    }

    [Fact]
    public async Task A_manual_reload_keeps_the_engines_current_values_and_never_throws_while_a_backend_fails()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("a", "good", "v1");
        using ConfigurationRoot root = broker.Build(b => b.AddSecret("a", "main", "a", refresh: DirectBroker.Refresh));
        broker.Backend().FailAlways("a", ScriptedBackend.Transient("throttled"));
        await broker.RefreshCycleAsync();

        root.Reload();

        Assert.Equal("good", root["a"]);
    }
}
