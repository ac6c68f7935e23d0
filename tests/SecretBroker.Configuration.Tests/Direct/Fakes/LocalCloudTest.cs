using SecretBroker.Emulators;

namespace SecretBroker.Configuration.Tests.Direct.Fakes;

/// <summary>
/// A test against the in-process local cloud: a temporary state directory and a <see cref="LocalCloud"/> started on it
/// before each test, disposed (and the directory deleted) after. A subclass picks the clock the cloud ages on and may
/// adjust its options before it starts.
/// </summary>
public abstract class LocalCloudTest : IAsyncLifetime
{
    private readonly DirectoryInfo _state;
    private LocalCloud? _cloud;

    /// <param name="name">Names the state directory (<c>sb-direct-{name}-…</c>), so a leftover one says whose it was.</param>
    protected LocalCloudTest(string name) => _state = Directory.CreateTempSubdirectory($"sb-direct-{name}-");

    protected LocalCloud Cloud => _cloud!;

    /// <summary>The clock the cloud runs on: the system clock unless the test moves time (the engine's fake clock).</summary>
    protected virtual TimeProvider Clock => TimeProvider.System;

    public async Task InitializeAsync()
    {
        var options = new LocalCloudOptions { StateDirectory = _state.FullName, TimeProvider = Clock };
        Configure(options);
        _cloud = await LocalCloud.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (_cloud is not null)
        {
            await _cloud.DisposeAsync();
        }

        _state.Delete(recursive: true);
    }

    /// <summary>Adjusts the cloud's options (roles, TTLs) before it starts; nothing by default.</summary>
    protected virtual void Configure(LocalCloudOptions options)
    {
    }
}
