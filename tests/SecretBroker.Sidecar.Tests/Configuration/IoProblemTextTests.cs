using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Tests.Configuration;

/// <summary>.NET's own I/O exceptions, whose texts are resource keys in the sidecar, are worded by type and errno.</summary>
public class IoProblemTextTests
{
    [Fact]
    public void A_missing_file_is_worded_from_the_exception_type()
    {
        Exception e = Record.Exception(() => File.ReadAllText("/tmp/secretbroker-missing-" + Guid.NewGuid().ToString("N")))!;

        Assert.Equal("no such file", IoProblemText.Describe(e));
    }

    [Fact]
    public void A_missing_directory_is_worded_from_the_exception_type()
    {
        Exception e = Record.Exception(() => File.ReadAllText("/does/not/exist.yaml"))!;

        Assert.Equal("a directory on the path does not exist", IoProblemText.Describe(e));
    }

    [Fact]
    public void A_directory_is_told_apart_from_a_permission_problem()
    {
        using TempDirectory dir = new();
        Exception e = Record.Exception(() => File.ReadAllText(dir.Path))!;

        Assert.IsType<UnauthorizedAccessException>(e);
        Assert.Equal("it is a directory; give the config file's path", IoProblemText.Describe(e, dir.Path));
        Assert.Equal("permission denied", IoProblemText.Describe(e));
    }

    [Fact]
    public void Other_errors_are_worded_from_the_errno_NET_puts_in_HResult()
    {
        using TempDirectory dir = new();
        string a = Path.Combine(dir.Path, "a");
        File.CreateSymbolicLink(a, Path.Combine(dir.Path, "b"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "b"), a);

        IOException e = Assert.IsType<IOException>(Record.Exception(() => File.ReadAllText(a)));

        Assert.Equal(40, e.HResult); // ELOOP: the raw errno, as Interop.GetExceptionForIoErrno sets it on Unix.
        Assert.Equal("too many levels of symbolic links (a symlink loop?)", IoProblemText.Describe(e));
    }

    [Theory]
    [InlineData(28, "no space left on the device")]
    [InlineData(30, "the file system is read-only")]
    [InlineData(36, "the path is too long")]
    [InlineData(21, "it is a directory; give the config file's path")]
    [InlineData(13, "permission denied")]
    public void Errnos_are_worded(int errno, string problem) => Assert.Equal(problem, IoProblemText.ForErrno(errno));

    [Fact]
    public void An_errno_without_our_own_words_keeps_the_C_librarys_text_and_number()
    {
        Assert.Equal("Connection refused (errno 111)", IoProblemText.ForErrno(111));
    }

    [Fact]
    public void Our_own_exception_texts_are_kept()
    {
        Assert.Equal("statfs '/x' failed", IoProblemText.Describe(new IOException("statfs '/x' failed")));
        Assert.Equal("something of ours", IoProblemText.Describe(new InvalidOperationException("something of ours")));
    }
}
