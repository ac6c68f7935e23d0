using SecretBroker.Sidecar.Hosting;

namespace SecretBroker.Sidecar.Tests.Hosting;

/// <summary>
/// The start's trim pages out only read-only file mappings: a writable one (data, relocated pages, the runtime's type
/// data) or an anonymous one (heap, stacks, the vDSO) holds state that is in no file.
/// </summary>
public class FileMappingsTests
{
    private const string Maps = """
        55ad3177d000-55ad3179d000 r--p 00000000 00:2c 1234 /secretbroker
        55ad3179d000-55ad32040000 r-xp 00020000 00:2c 1234 /secretbroker
        55ad3283e000-55ad32878000 rw-p 00c4e000 00:2c 1234 /secretbroker
        55ad32878000-55ad32cc4000 rw-p 00000000 00:00 0
        55ad52897000-55ad5291b000 rw-p 00000000 00:00 0                          [heap]
        7ff0d7f35000-7ff0d808b000 r-xp 00028000 00:2c 99 /usr/lib/x86_64-linux-gnu/libc.so.6
        7ff0d8101000-7ff0d8103000 rw-p 001d3000 00:2c 99 /usr/lib/x86_64-linux-gnu/libc.so.6
        7ffd1a5f0000-7ffd1a5f2000 r-xp 00000000 00:00 0                          [vdso]
        """;

    [Fact]
    public void Only_read_only_file_mappings_are_listed()
    {
        IReadOnlyList<FileMappings.Range> ranges = FileMappings.ReadOnlyFileRanges(Maps);

        Assert.Equal(
        [
            new FileMappings.Range(unchecked((nint)0x55ad3177d000), 0x20000),
            new FileMappings.Range(unchecked((nint)0x55ad3179d000), (nuint)(0x55ad32040000 - 0x55ad3179d000)),
            new FileMappings.Range(unchecked((nint)0x7ff0d7f35000), (nuint)(0x7ff0d808b000 - 0x7ff0d7f35000)),
        ], ranges);
    }

    [Fact]
    public void A_malformed_line_is_skipped()
    {
        Assert.Empty(FileMappings.ReadOnlyFileRanges("zz-yy r--p 0 0 0 /secretbroker\n55ad3177d000 r--p 0 0 0 /secretbroker\n"));
    }
}
