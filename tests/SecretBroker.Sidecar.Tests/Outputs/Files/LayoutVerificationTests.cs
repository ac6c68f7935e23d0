using SecretBroker.Sidecar.Outputs.Files;

using static SecretBroker.Sidecar.Tests.Outputs.Files.OutputDirectory;

namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary><see cref="GenerationWriter.VerifyLayout"/> puts back what something else broke between writes.</summary>
[Collection(FilesOutputTestGroup.Name)]
public class LayoutVerificationTests
{
    [Fact]
    public void An_intact_layout_is_left_as_it_is()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer();
        writer.Write(Generation(1, ("a", "x")));

        Assert.Equal(LayoutCheck.Intact, writer.VerifyLayout());
        Assert.DoesNotContain(output.Logger.Events, e => e.EventId == 2012);
    }

    [Fact]
    public void A_data_link_pointed_elsewhere_is_pointed_back_at_the_current_generation()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer();
        writer.Write(Generation(1, ("a", "x")));
        string current = output.DataTarget!;
        File.Delete(output.Entry("..data"));
        File.CreateSymbolicLink(output.Entry("..data"), "/etc");

        Assert.Equal(LayoutCheck.Repaired, writer.VerifyLayout());

        Assert.Equal(current, output.DataTarget);
        Assert.Equal("x", output.ReadVisible("a"));
        Assert.Contains(output.Logger.Events, e => e.EventId == 2012);
    }

    [Fact]
    public void A_deleted_secret_link_is_recreated()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer();
        writer.Write(Generation(1, ("a", "x"), ("b", "y")));
        File.Delete(output.Entry("b"));

        Assert.Equal(LayoutCheck.Repaired, writer.VerifyLayout());

        Assert.Equal("y", output.ReadVisible("b"));
    }

    [Fact]
    public void A_removed_generation_is_reported_lost_and_the_next_write_publishes_it_again()
    {
        using var output = OnTmpfs();
        using var writer = output.Writer();
        writer.Write(Generation(1, ("a", "x")));
        Directory.Delete(output.Entry(output.DataTarget!), recursive: true);

        Assert.Equal(LayoutCheck.GenerationLost, writer.VerifyLayout());
        Assert.True(writer.Write(Generation(1, ("a", "x"))));

        Assert.Equal("x", output.ReadVisible("a"));
        Assert.Equal(LayoutCheck.Intact, writer.VerifyLayout());
    }
}
