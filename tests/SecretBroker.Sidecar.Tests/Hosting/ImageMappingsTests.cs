using SecretBroker.Sidecar.Hosting;

namespace SecretBroker.Sidecar.Tests.Hosting;

/// <summary>
/// The start's trim pages out only the executable's read-only mappings: a writable one (data, relocated pages, the
/// runtime's type data) or another file's would lose or fault in state that is not in the image.
/// </summary>
public class ImageMappingsTests
{
    private const string Maps = """
        55ad3177d000-55ad3179d000 r--p 00000000 00:2c 1234 /secretbroker
        55ad3179d000-55ad32040000 r-xp 00020000 00:2c 1234 /secretbroker
        55ad32040000-55ad324b4000 r--p 008c3000 00:2c 1234 /secretbroker
        55ad3283e000-55ad32878000 rw-p 00c4e000 00:2c 1234 /secretbroker
        55ad32878000-55ad32cc4000 rw-p 00000000 00:00 0
        7ff0d7f35000-7ff0d808b000 r-xp 00028000 00:2c 99 /usr/lib/x86_64-linux-gnu/libc.so.6
        7ff0d9000000-7ff0d9001000 r--p 00000000 00:2c 77 /secretbroker (deleted)
        """;

    [Fact]
    public void Only_the_read_only_mappings_of_the_image_are_listed()
    {
        IReadOnlyList<ImageMappings.Range> ranges = ImageMappings.ReadOnlyRanges(Maps, "/secretbroker");

        Assert.Equal(
        [
            new ImageMappings.Range(unchecked((nint)0x55ad3177d000), 0x20000),
            new ImageMappings.Range(unchecked((nint)0x55ad3179d000), (nuint)(0x55ad32040000 - 0x55ad3179d000)),
            new ImageMappings.Range(unchecked((nint)0x55ad32040000), (nuint)(0x55ad324b4000 - 0x55ad32040000)),
        ], ranges);
    }

    [Fact]
    public void Another_path_lists_nothing()
    {
        Assert.Empty(ImageMappings.ReadOnlyRanges(Maps, "/usr/bin/dotnet"));
    }
}
