using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration.Tests.Fakes;

namespace SecretBroker.Configuration.Tests;

/// <summary>
/// Files mode: keys from the sidecar's files directory, reloaded when ..data swaps — found by polling the link. Each
/// test wakes the watch loop on the fake clock and awaits its "poll completed" signal: no real sleeps, and a loop that
/// never polled would fail them.
/// </summary>
public sealed class FilesModeTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly KubeletStyleDirectory _dir = new();
    private readonly TestClock _clock = new();
    private readonly ConcurrentQueue<SecretBrokerRefreshError> _errors = new();

    [Fact]
    public void Secrets_load_as_keys_with_double_dash_as_the_section_separator()
    {
        _dir.Publish(("huggingface--token", "hf_abc"), ("openai-key", "sk_1"));

        using var configuration = Build();

        Assert.Equal("hf_abc", configuration["huggingface:token"]);
        Assert.Equal("sk_1", configuration["openai-key"]);
    }

    [Fact]
    public async Task A_new_generation_fires_the_reload_token_and_updates_the_value()
    {
        _dir.Publish(("hf-token", "one"));
        using var configuration = Build();
        Task reloaded = Wait.ReloadOf(configuration);

        _dir.Publish(("hf-token", "two"));
        await configuration.NextPollAsync(_clock);

        Assert.True(reloaded.IsCompleted, "the reload token did not fire");
        Assert.Equal("two", configuration["hf-token"]);
    }

    [Fact]
    public async Task A_generation_with_identical_content_fires_nothing()
    {
        _dir.Publish(("hf-token", "same"));
        using var configuration = Build();
        Task reloaded = Wait.ReloadOf(configuration);

        _dir.Publish(("hf-token", "same"));
        await configuration.NextPollAsync(_clock);
        await configuration.NextPollAsync(_clock);

        Assert.False(reloaded.IsCompleted, "the reload token fired for a generation with identical content");
        _dir.Publish(("hf-token", "changed"));
        await configuration.NextPollAsync(_clock);
        Assert.True(reloaded.IsCompleted, "the reload token did not fire for a real change");
        Assert.Equal("changed", configuration["hf-token"]);
    }

    [Fact]
    public void A_missing_directory_fails_the_first_load_loudly_unless_optional()
    {
        var missing = $"/dev/shm/sb-missing-{Guid.NewGuid():N}";

        var error = Assert.Throws<DirectoryNotFoundException>(() => new ConfigurationBuilder().AddSecretBrokerSidecar(s => s.SecretsDirectory = missing).Build());
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_optional_source_starts_empty_and_fills_in_when_the_sidecar_delivers()
    {
        Directory.Delete(_dir.Path);
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder()
            .AddSecretBrokerSidecar(s => { s.SecretsDirectory = _dir.Path; s.Optional = true; s.TimeProvider = _clock; s.RetryInitial = Poll; s.RetryMax = Poll; })
            .Build();
        Assert.Null(configuration["hf-token"]);
        Task reloaded = Wait.ReloadOf(configuration);

        await configuration.FirstPollAsync();
        Directory.CreateDirectory(_dir.Path);
        _dir.Publish(("hf-token", "late"));
        await configuration.NextPollAsync(_clock);

        Assert.True(reloaded.IsCompleted, "the reload token did not fire");
        Assert.Equal("late", configuration["hf-token"]);
    }

    [Fact]
    public async Task The_last_good_values_stay_when_the_directory_disappears()
    {
        _dir.Publish(("hf-token", "kept"));
        using var configuration = Build();

        Task reloaded = Wait.ReloadOf(configuration);
        await configuration.FirstPollAsync();

        Directory.Delete(_dir.Path, recursive: true);
        await PollsFailingAsync(configuration, count: 3);

        Assert.Equal("kept", configuration["hf-token"]);
        Assert.False(reloaded.IsCompleted, "a failed read fired the reload token");
        Directory.CreateDirectory(_dir.Path);
    }

    [Fact]
    public async Task A_directory_caught_mid_removal_keeps_the_last_good_values()
    {
        _dir.Publish(("hf-token", "kept"));
        using var configuration = Build();
        await configuration.FirstPollAsync();

        // What a recursive delete leaves for a moment: the directory itself, empty, no ..data. It had generations, so
        // this is not a plain directory that became empty.
        foreach (string entry in Directory.EnumerateFileSystemEntries(_dir.Path))
        {
            if (Directory.Exists(entry) && new DirectoryInfo(entry).LinkTarget is null)
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }

        await PollsFailingAsync(configuration, count: 3);

        Assert.Equal("kept", configuration["hf-token"]);
    }

    [Fact]
    public void A_prefix_puts_every_key_under_a_section()
    {
        _dir.Publish(("hf-token", "x"));

        using var configuration = (ConfigurationRoot)new ConfigurationBuilder()
            .AddSecretBrokerSidecar(s => { s.SecretsDirectory = _dir.Path; s.Prefix = "Secrets"; s.TimeProvider = _clock; })
            .Build();

        Assert.Equal("x", configuration["Secrets:hf-token"]);
        Assert.Null(configuration["hf-token"]);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir.Path))
        {
            _dir.Dispose();
        }
    }

    private ConfigurationRoot Build() => (ConfigurationRoot)new ConfigurationBuilder()
        .AddSecretBrokerSidecar(s => { s.SecretsDirectory = _dir.Path; s.PollInterval = Poll; s.TimeProvider = _clock; s.OnRefreshError = _errors.Enqueue; })
        .Build();

    /// <summary>Wakes the loop <paramref name="count"/> times and checks that each look failed (and was reported).</summary>
    private async Task PollsFailingAsync(ConfigurationRoot configuration, int count)
    {
        int before = _errors.Count;
        for (int i = 0; i < count; i++)
        {
            await configuration.NextPollAsync(_clock);
        }

        Assert.Equal(before + count, _errors.Count);
    }
}
