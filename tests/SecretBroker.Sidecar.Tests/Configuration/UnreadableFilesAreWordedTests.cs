using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

/// <summary>
/// Why a config cannot be read is said in our words: .NET's own exception texts print as resource keys
/// (<c>IO_PathNotFound_Path</c>) in the sidecar, which runs with <c>UseSystemResourceKeys</c>.
/// </summary>
public class UnreadableFilesAreWordedTests
{
    [Theory]
    [InlineData("/does/not/exist.yaml", "no such file")]
    [InlineData("/etc/passwd/config.yaml", "a component of the path is not a directory")]
    public void A_path_that_does_not_lead_to_a_file_is_worded(string path, string problem)
    {
        ConfigurationException e = Assert.Throws<ConfigurationException>(() => SidecarSettingsLoader.Load(path));

        Assert.Equal($"{path}:0: cannot read the file: {problem}", e.Message);
    }

    [Fact]
    public void A_directory_is_worded()
    {
        using TempDirectory dir = new();

        ConfigurationException e = Assert.Throws<ConfigurationException>(() => SidecarSettingsLoader.Load(dir.Path));

        Assert.Equal(dir.Path + ":0: cannot read the file: it is a directory; give the config file's path", e.Message);
    }

    [Fact]
    public void A_symlink_loop_is_worded()
    {
        using TempDirectory dir = new();
        string a = Path.Combine(dir.Path, "a.yaml");
        File.CreateSymbolicLink(a, Path.Combine(dir.Path, "b.yaml"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "b.yaml"), a);

        ConfigurationException e = Assert.Throws<ConfigurationException>(() => SidecarSettingsLoader.Load(a));

        Assert.Equal(a + ":0: cannot read the file: too many levels of symbolic links (a symlink loop?)", e.Message);
    }
}
