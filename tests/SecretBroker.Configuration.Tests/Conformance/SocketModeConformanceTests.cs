using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration.Tests.Fakes;
using SecretBroker.Testing.Configuration;

namespace SecretBroker.Configuration.Tests.Conformance;

/// <summary>
/// The sidecar provider in socket mode against the shared configuration-provider suite: a fake sidecar on a Unix
/// socket (each write a new version, delivered by the long poll); reconnect delays run on the fake clock.
/// </summary>
#pragma warning disable CA1001 // The fake sidecar is disposed in DisposeAsync (xunit's IAsyncLifetime).
public sealed class SocketModeConformanceTests : ConfigurationProviderConformanceTests
#pragma warning restore CA1001
{
    private static readonly TimeSpan RetryMax = TimeSpan.FromMilliseconds(200);

    private readonly FakeSidecarServer _sidecar = new();
    private readonly TestClock _clock = new();
    private IConfigurationRoot? _root;
    private long? _mark;

    /// <summary>Every request the fake sidecar has answered (list, get, long poll, readiness).</summary>
    protected override long SourceReads => Volatile.Read(ref _sidecar.Requests);

    private IConfigurationRoot Root => _root ?? throw new InvalidOperationException("not built yet");

    public override Task InitializeAsync() => _sidecar.StartAsync();

    public override async Task DisposeAsync() => await _sidecar.DisposeAsync();

    protected override Task<IConfigurationRoot> BuildAsync(IReadOnlyDictionary<string, byte[]> secrets, ConfigurationProviderSettings settings)
    {
        foreach ((string name, byte[] value) in secrets)
        {
            _sidecar.Set(name, value);
        }

        _root = new ConfigurationBuilder()
            .AddSecretBrokerSidecar(s =>
            {
                s.SocketPath = _sidecar.SocketPath;
                s.LongPollWait = TimeSpan.FromSeconds(30);
                s.RetryInitial = TimeSpan.FromMilliseconds(20);
                s.RetryMax = RetryMax;
                s.Prefix = settings.Prefix;
                s.FlattenJson = settings.FlattenJson;
                s.TimeProvider = _clock;
            })
            .Build();
        return Task.FromResult(_root);
    }

    protected override Task SetSecretAsync(string name, byte[] value)
    {
        // The long poll may answer before PollAsync is called: count from here.
        _mark ??= Root.SidecarProvider().Polls.Count;
        _sidecar.Set(name, value);
        return Task.CompletedTask;
    }

    protected override async Task BreakSourceAsync()
    {
        _mark ??= Root.SidecarProvider().Polls.Count;
        await _sidecar.StopAsync();
    }

    protected override async Task PollAsync()
    {
        long mark = _mark ?? Root.SidecarProvider().Polls.Count;
        _mark = null;

        // A change arrives by the long poll on its own; a reconnect waits on the clock, so wake it.
        await Root.UntilAsync(_clock, RetryMax, () => Root.SidecarProvider().Polls.Count > mark);
    }

    /// <summary>A disposed provider closes its long polls; one left open would go on reading.</summary>
    protected override Task WhenSourceIdleAsync() => _sidecar.WhenIdleAsync();

    protected override Task AdvanceTimeAsync(TimeSpan by)
    {
        _clock.Advance(by);
        return Task.CompletedTask;
    }
}
