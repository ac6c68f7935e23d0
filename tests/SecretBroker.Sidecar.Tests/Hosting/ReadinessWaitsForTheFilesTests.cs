using SecretBroker.Sidecar.Tests.Outputs.Files;

namespace SecretBroker.Sidecar.Tests.Hosting;

/// <summary>
/// (#11 point 3) Readiness — what <c>secretbroker probe ready</c> asks, and so what lets a native sidecar's app containers
/// start — holds only once the files output holds every required secret, not as soon as the engine has loaded them.
/// </summary>
[Collection(FilesOutputTestGroup.Name)]
public class ReadinessWaitsForTheFilesTests
{
    [Fact]
    public async Task Loaded_secrets_are_not_ready_until_the_files_hold_them()
    {
        await using var files = new FilesServiceHarness();
        files.Writer.Initialize();
        await files.Engine.LoadAsync(CancellationToken.None);

        // The engine has the secret; the files writer has not run yet (before: ready here, with nothing on the volume).
        Assert.True(files.Engine.IsReady);
        Assert.Null(files.Visible());
        Assert.False(files.Readiness.IsReady);

        await files.Service.StartAsync(CancellationToken.None);
        await files.UntilAsync(() => files.Readiness.IsReady, "readiness once the files hold the secret");
        Assert.Equal("1", files.Visible());
    }
}
