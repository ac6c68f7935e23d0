using Microsoft.Extensions.Configuration;
using SecretBroker.Backends;
using SecretBroker.Configuration.Tests.Direct.Fakes;
using SecretBroker.Configuration.Tests.Fakes;

namespace SecretBroker.Configuration.Tests.Direct;

public sealed class FirstLoadTests
{
    [Fact]
    public void A_required_secret_that_fails_to_load_throws_naming_the_secret_its_backend_and_why()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("ok", "fine", "v1");
        broker.Backend().FailAlways("db", ScriptedBackend.Transient("service unavailable (503)"));
        broker.Backend().FailAlways("extra", ScriptedBackend.Transient("also down"));

        var error = Assert.Throws<SecretBrokerConfigurationException>(() => broker.Build(b => b
            .AddSecret("ok", "main", "ok")
            .AddSecret("db", "main", "db")
            .AddSecret("extra", "main", "extra", required: false)));

        // Only required secrets fail the build.
        Assert.Equal(["secret 'db' (backend 'main'): service unavailable (503)"], error.Errors);
        Assert.Contains("the first load failed", error.Message, StringComparison.Ordinal);

        // Nothing will dispose a provider whose build threw: it stopped its engine itself.
        Assert.Equal(0, broker.Clock.PendingTimerCount);
    }

    [Fact]
    public async Task An_optional_source_loads_what_it_can_reports_the_rest_and_keeps_retrying()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("ok", "fine", "v1");
        broker.Backend().Set("db", "pw1", "v1");
        broker.Backend().FailAlways("db", ScriptedBackend.Transient("service unavailable (503)"));

        using ConfigurationRoot root = broker.Build(b =>
        {
            b.Optional = true;
            b.AddSecret("ok", "main", "ok").AddSecret("db", "main", "db");
        });

        Assert.Equal("fine", root["ok"]);
        Assert.Null(root["db"]);
        Assert.Equal(1, broker.Logs.Count(5100));
        Assert.Contains(broker.Logs.Messages, m => m.Contains("secret 'db' (backend 'main'): service unavailable (503)", StringComparison.Ordinal));
        Assert.Equal(1, broker.Logs.Count(5101));
        SecretBrokerRefreshError reported = Assert.Single(broker.Errors);
        Assert.Equal(("db", "main", false), (reported.Secret, reported.Backend, reported.InChangeListener));
        Assert.Equal("service unavailable (503)", reported.Exception.Message);

        broker.Backend().Heal("db");
        Task reload = Wait.ReloadOf(root);
        await broker.RefreshCycleAsync();
        await reload.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("pw1", root["db"]);
        Assert.Equal(1, broker.Logs.Count(5103));
    }

    [Fact]
    public async Task A_first_load_that_outlasts_the_timeout_fails_naming_what_did_not_answer_and_stops_the_call()
    {
        var broker = new DirectBroker();
        Task<ConfigurationRoot> build = await StartBuildWithItsFirstFetchHeldAsync(broker);
        broker.Clock.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<SecretBrokerConfigurationException>(() => build.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["secret 'a' (backend 'main'): no answer within 5s"], error.Errors);
        Assert.True(Assert.Single(broker.Backend().HeldTokens).IsCancellationRequested);
    }

    [Fact]
    public async Task The_first_load_timeout_runs_on_the_injected_clock()
    {
        var broker = new DirectBroker();
        Task<ConfigurationRoot> build = await StartBuildWithItsFirstFetchHeldAsync(broker);
        broker.Clock.Advance(TimeSpan.FromSeconds(4));
        broker.Backend().Release();

        using ConfigurationRoot root = await build.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("value-a", root["a"]);
    }

    [Fact]
    public async Task An_optional_source_whose_first_load_times_out_starts_empty_and_fills_in_when_the_backend_answers()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("a", "value-a", "v1");
        Task held = broker.Backend().Hold();

        Task<ConfigurationRoot> build = Task.Run(() => broker.Build(b =>
        {
            b.Optional = true;
            b.AddSecret("a", "main", "a");
        }));
        await held.WaitAsync(TimeSpan.FromSeconds(10));
        await broker.Clock.WaitForPendingTimerAsync();
        broker.Clock.Advance(TimeSpan.FromSeconds(30));
        using ConfigurationRoot root = await build.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(root["a"]);
        Assert.Contains(broker.Logs.Messages, m => m.Contains("secret 'a' (backend 'main'): no answer within 30s", StringComparison.Ordinal));

        Task reload = Wait.ReloadOf(root);
        broker.Backend().Release();
        await reload.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("value-a", root["a"]);
    }

    [Fact]
    public void A_backend_that_cannot_be_built_is_thrown_naming_it()
    {
        var broker = new DirectBroker();

        var error = Assert.Throws<SecretBrokerConfigurationException>(() => broker.Build(b => b
            .AddBackend("broken", broker.Type, static o => (o.Label, o.Refuse) = ("x", true))
            .AddSecret("a", "broken", "a")));

        Assert.Equal(["backends.broken: scripted backend 'broken': its token file /var/run/scripted/token is missing"], error.Errors);
    }

    [Fact]
    public void An_optional_source_logs_a_backend_that_cannot_be_built_and_loads_the_others()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("ok", "fine", "v1");

        using ConfigurationRoot root = broker.Build(b =>
        {
            b.Optional = true;
            b.AddBackend("broken", broker.Type, static o => (o.Label, o.Refuse) = ("x", true));
            b.AddSecret("a", "broken", "a").AddSecret("ok", "main", "ok");
        });

        Assert.Equal("fine", root["ok"]);
        Assert.Equal(1, broker.Logs.Count(5104));
        SecretBrokerRefreshError reported = Assert.Single(broker.Errors);
        Assert.Equal((null, "broken"), (reported.Secret, reported.Backend));
        Assert.IsType<SecretBackendSetupException>(reported.Exception);
    }

    /// <summary>Starts building a source with one secret and a 5 s first-load timeout; returns once its fetch is held and the deadline armed.</summary>
    private static async Task<Task<ConfigurationRoot>> StartBuildWithItsFirstFetchHeldAsync(DirectBroker broker)
    {
        broker.Backend().Set("a", "value-a", "v1");
        Task held = broker.Backend().Hold();
        Task<ConfigurationRoot> build = Task.Run(() => broker.Build(b =>
        {
            b.FirstLoadTimeout = TimeSpan.FromSeconds(5);
            b.AddSecret("a", "main", "a");
        }));
        await held.WaitAsync(TimeSpan.FromSeconds(10));
        await broker.Clock.WaitForPendingTimerAsync();
        return build;
    }
}
