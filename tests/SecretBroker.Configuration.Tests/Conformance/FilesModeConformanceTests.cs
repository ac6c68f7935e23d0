using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration.Tests.Fakes;
using SecretBroker.Testing.Configuration;

namespace SecretBroker.Configuration.Tests.Conformance;

/// <summary>
/// The sidecar provider in files mode against the shared configuration-provider suite: a kubelet-style directory (each
/// change a new generation behind <c>..data</c>), polled on the fake clock.
/// </summary>
#pragma warning disable CA1001 // The directory is removed in DisposeAsync (xunit's IAsyncLifetime).
public sealed class FilesModeConformanceTests : ConfigurationProviderConformanceTests
#pragma warning restore CA1001
{
    private readonly KubeletStyleDirectory _dir = new();
    private readonly TestClock _clock = new();
    private readonly Dictionary<string, byte[]> _current = new(StringComparer.Ordinal);
    private IConfigurationRoot? _root;

    /// <summary>Every poll reads the directory (its ..data link, and the generation when it moved).</summary>
    protected override long SourceReads => Root.SidecarProvider().Polls.Count;

    private IConfigurationRoot Root => _root ?? throw new InvalidOperationException("not built yet");

    protected override async Task<IConfigurationRoot> BuildAsync(IReadOnlyDictionary<string, byte[]> secrets, ConfigurationProviderSettings settings)
    {
        foreach ((string name, byte[] value) in secrets)
        {
            _current[name] = value;
        }

        _dir.Publish(_current);
        _root = new ConfigurationBuilder()
            .AddSecretBrokerSidecar(s =>
            {
                s.SecretsDirectory = _dir.Path;
                s.PollInterval = TimeSpan.FromSeconds(1);
                s.Prefix = settings.Prefix;
                s.FlattenJson = settings.FlattenJson;
                s.TimeProvider = _clock;
            })
            .Build();
        await _root.FirstPollAsync();
        return _root;
    }

    protected override Task SetSecretAsync(string name, byte[] value)
    {
        _current[name] = value;
        _dir.Publish(_current);
        return Task.CompletedTask;
    }

    protected override Task BreakSourceAsync()
    {
        Directory.Delete(_dir.Path, recursive: true);
        return Task.CompletedTask;
    }

    protected override Task PollAsync() => Root.NextPollAsync(_clock);

    protected override Task AdvanceTimeAsync(TimeSpan by)
    {
        // A live loop's timer would fire here, inline.
        _clock.Advance(by);
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        if (Directory.Exists(_dir.Path))
        {
            _dir.Dispose();
        }

        return Task.CompletedTask;
    }
}
