using SecretBroker.Sidecar.Outputs.Files;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary>
/// Between changes the files output checks its layout every <see cref="FilesOutputService.LayoutCheckPeriod"/> and
/// repairs it, instead of waiting for the next rotation. (Issue #8, item 3.)
/// </summary>
[Collection(FilesOutputTestGroup.Name)]
public class LayoutRepairServiceTests
{
    [Fact]
    public async Task A_deleted_link_and_a_replaced_data_link_are_repaired_within_one_check_period()
    {
        await using var files = new FilesServiceHarness();
        await files.StartAsync();
        string current = files.Output.DataTarget!;
        File.Delete(files.Output.Entry("a"));
        File.Delete(files.Output.Entry("..data"));
        File.CreateSymbolicLink(files.Output.Entry("..data"), "/etc");

        await files.UntilAsync(() => files.Visible() == "1", "the layout repaired", FilesOutputService.LayoutCheckPeriod);

        Assert.Equal(current, files.Output.DataTarget);
        Assert.Equal(1, files.Metric("secretbroker.files.layout_repairs"));
    }

    [Fact]
    public async Task A_removed_generation_is_written_again_from_the_engines_current_values()
    {
        await using var files = new FilesServiceHarness();
        await files.StartAsync();
        Directory.Delete(files.Output.Entry(files.Output.DataTarget!), recursive: true);

        await files.UntilAsync(() => files.Visible() == "1", "the generation written again", FilesOutputService.LayoutCheckPeriod);

        Assert.Contains(files.Output.Logger.Events, e => e.EventId == 2015);
        Assert.False(files.State.IsBehind);
    }
}
