namespace SecretBroker.Emulators.Tests.Infrastructure;

/// <summary>A local cloud in a temporary state directory, disposed together.</summary>
internal sealed class TestCloud : IAsyncDisposable
{
    private readonly TempDirectory _dir;

    private TestCloud(TempDirectory dir, LocalCloud cloud)
    {
        _dir = dir;
        Cloud = cloud;
    }

    public LocalCloud Cloud { get; }

    public string StateDirectory => _dir.Path;

    public static async Task<TestCloud> StartAsync(Action<LocalCloudOptions>? configure = null)
    {
        var dir = new TempDirectory();
        var options = new LocalCloudOptions { StateDirectory = dir.Path };
        configure?.Invoke(options);
        return new TestCloud(dir, await LocalCloud.StartAsync(options));
    }

    public async ValueTask DisposeAsync()
    {
        await Cloud.DisposeAsync();
        _dir.Dispose();
    }
}
