using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration.Tests.Direct.Fakes;
using SecretBroker.Testing.Configuration;

namespace SecretBroker.Configuration.Tests.Conformance;

/// <summary>
/// The direct provider (<c>AddSecretBroker</c>) against the shared configuration-provider suite: a scripted backend
/// holds the values (each change under a new version, so a same-bytes rewrite is a new version with no new bytes),
/// and the engine refreshes on the fake clock.
/// </summary>
public sealed class DirectConformanceTests : ConfigurationProviderConformanceTests
{
    private readonly DirectBroker _broker = new();
    private readonly List<string> _names = [];
    private int _version;
    private IConfigurationRoot? _root;

    /// <summary>Every backend call reads the source.</summary>
    protected override long SourceReads => _broker.Backend().Fetches;

    protected override Task<IConfigurationRoot> BuildAsync(IReadOnlyDictionary<string, byte[]> secrets, ConfigurationProviderSettings settings)
    {
        foreach ((string name, byte[] value) in secrets)
        {
            _names.Add(name);
            _broker.Backend().Set(name, value, NextVersion());
        }

        IConfigurationRoot root = _root = _broker.Build(b =>
        {
            b.Prefix = settings.Prefix;
            b.FlattenJson = settings.FlattenJson;
            foreach (string name in _names)
            {
                b.AddSecret(name, "main", name, refresh: DirectBroker.Refresh);
            }
        });

        // The first load has blocked until done; return once the engine sleeps on its first refresh.
        return WhenScheduled(root);
    }

    protected override Task SetSecretAsync(string name, byte[] value)
    {
        _broker.Backend().Set(name, value, NextVersion());
        return Task.CompletedTask;
    }

    protected override Task BreakSourceAsync()
    {
        foreach (string name in _names)
        {
            _broker.Backend().FailAlways(name, ScriptedBackend.Transient());
        }

        return Task.CompletedTask;
    }

    protected override Task PollAsync() => _broker.RefreshCycleAsync(_root ?? throw new InvalidOperationException("not built yet"));

    protected override Task AdvanceTimeAsync(TimeSpan by)
    {
        _broker.Clock.Advance(by);
        return Task.CompletedTask;
    }

    private async Task<IConfigurationRoot> WhenScheduled(IConfigurationRoot root)
    {
        await _broker.Clock.WaitForPendingTimerAsync();
        return root;
    }

    private string NextVersion() => "v" + Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
