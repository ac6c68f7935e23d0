using SecretBroker.FileBackend;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

public class RelativePathsAreResolvedAgainstTheConfigDirectoryTests
{
    [Fact]
    public void Backend_path_and_output_dir_are_resolved_against_the_config_files_directory_not_the_working_directory()
    {
        using TempDirectory dir = new();
        string path = dir.Write("conf/secretbroker.yaml", ConfigFixture.Valid.Replace("/dev/shm/secretbroker-test", "../out", StringComparison.Ordinal));

        SidecarSettings settings = SidecarSettingsLoader.Load(path);

        FileSecretBackendOptions backend = Assert.IsType<FileSecretBackendOptions>(settings.Backends["local"].Options);
        Assert.Equal(Path.Combine(dir.Path, "conf", "secrets"), backend.Path);
        Assert.Equal(Path.Combine(dir.Path, "out"), settings.Outputs.Files!.Directory);
    }

    [Fact]
    public void Absolute_paths_are_kept()
    {
        SidecarSettings settings = ConfigFixture.Load(ConfigFixture.Valid.Replace("./secrets", "/srv/secrets", StringComparison.Ordinal));

        Assert.Equal("/srv/secrets", ((FileSecretBackendOptions)settings.Backends["local"].Options).Path);
        Assert.Equal("/dev/shm/secretbroker-test", settings.Outputs.Files!.Directory);
    }
}
