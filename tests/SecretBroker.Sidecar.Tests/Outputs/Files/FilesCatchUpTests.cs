using SecretBroker.Sidecar.Outputs.Files;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary>
/// After a failed write the files output retries with backoff, always with the engine's newest generation, until it
/// succeeds; while it lags, readiness says 503 and <c>secretbroker.files.behind</c> says 1. (Issue #8, item 2.)
/// </summary>
[Collection(FilesOutputTestGroup.Name)]
public class FilesCatchUpTests
{
    [Fact]
    public async Task A_failed_write_is_retried_with_the_newest_generation_until_the_files_catch_up()
    {
        await using var files = new FilesServiceHarness();
        await files.StartAsync();
        Assert.True(files.Readiness.IsReady);

        // A directory squats on ..data: publishing a generation (rename over it) fails until it goes away.
        string data = files.Output.Entry("..data");
        File.Delete(data);
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "x"), "squatter");

        await files.RotateAsync("2");
        await files.UntilAsync(() => files.State.IsBehind, "the failed write to mark the files behind");
        Assert.False(files.Readiness.IsReady);
        Assert.Equal(1, files.Metric("secretbroker.files.behind"));

        // A newer generation while failing: the retries (on the fake clock) still fail, and log no further errors.
        await files.RotateAsync("3");
        await files.UntilAsync(() => files.Metric("secretbroker.files.write_failures") >= 3, "two retries", FilesOutputService.RetryInitial);
        Assert.True(files.State.IsBehind);
        Assert.Equal(1, files.Logged(2010));
        Assert.True(files.Logged(2013) >= 2);

        Directory.Delete(data, recursive: true);
        await files.UntilAsync(() => files.Visible() == "3", "the newest value delivered", FilesOutputService.RetryInitial);

        await files.UntilAsync(() => !files.State.IsBehind, "the files no longer behind");
        Assert.True(files.Readiness.IsReady);
        Assert.Equal(0, files.Metric("secretbroker.files.behind"));
        Assert.Equal(1, files.Logged(2011));
        Assert.Equal(1, files.Logged(2010));
    }

    [Fact]
    public async Task Retries_back_off_from_one_second_doubling_to_thirty()
    {
        await using var files = new FilesServiceHarness();
        await files.StartAsync();
        string data = files.Output.Entry("..data");
        File.Delete(data);
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "x"), "squatter");

        await files.RotateAsync("2");
        await files.UntilAsync(() => files.State.IsBehind, "the first failure");

        // Each delay is drawn from [d/2, d] with d = 1, 2, 4, 8, 16, 30 s: six retries need 30.5 s to 61 s of (fake) time.
        TimeSpan step = TimeSpan.FromMilliseconds(250);
        TimeSpan elapsed = TimeSpan.Zero;
        for (long attempts = 2; attempts <= 7; attempts++)
        {
            while (files.Metric("secretbroker.files.write_failures") < attempts)
            {
                Assert.True(elapsed < TimeSpan.FromSeconds(120), $"attempt {attempts} not made after {elapsed}");
                files.Output.Clock.Advance(step);
                elapsed += step;
                await Task.Delay(10); // lets the service's continuation run; the fake clock alone decides the delays
            }
        }

        Assert.InRange(elapsed, TimeSpan.FromSeconds(30.5), TimeSpan.FromSeconds(61) + 6 * step);
    }
}
