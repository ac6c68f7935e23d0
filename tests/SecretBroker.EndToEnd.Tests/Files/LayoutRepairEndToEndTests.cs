using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Files;

/// <summary>Issue #8, item 3: a broken layout is repaired by the periodic check (every 2 s), not at the next change.</summary>
public sealed class LayoutRepairEndToEndTests
{
    [Fact]
    public async Task A_deleted_link_and_a_replaced_data_link_are_repaired_without_any_rotation()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        setup.SetSource("other", "other_value");
        string config = setup.WriteConfig(["hf-token", "other"], TimeSpan.FromMinutes(10));

        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_value", TimeSpan.FromSeconds(30), "the value delivered");
        string data = Path.Combine(setup.OutputDirectory, "..data");
        string generation = new FileInfo(data).LinkTarget!;

        File.Delete(Path.Combine(setup.OutputDirectory, "other"));
        File.Delete(data);
        File.CreateSymbolicLink(data, "/etc");

        await Eventually.HoldsAsync(
            () => setup.ReadOutput("hf-token") == "hf_value" && setup.ReadOutput("other") == "other_value",
            TimeSpan.FromSeconds(10),
            "the layout repaired");
        Assert.Equal(generation, new FileInfo(data).LinkTarget);
        await sidecar.WaitForLogAsync("\"EventId\":2012", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_deleted_generation_directory_is_written_again()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        string config = setup.WriteConfig(["hf-token"], TimeSpan.FromMinutes(10));

        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_value", TimeSpan.FromSeconds(30), "the value delivered");
        Directory.Delete(Path.Combine(setup.OutputDirectory, new FileInfo(Path.Combine(setup.OutputDirectory, "..data")).LinkTarget!), recursive: true);

        await Eventually.HoldsAsync(() => setup.ReadOutput("hf-token") == "hf_value", TimeSpan.FromSeconds(10), "the generation written again");
        await sidecar.WaitForLogAsync("\"EventId\":2015", TimeSpan.FromSeconds(5));
    }
}
