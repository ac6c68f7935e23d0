using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

public class DefaultsAreAppliedTests
{
    [Fact]
    public void Omitted_keys_take_the_documented_defaults()
    {
        SidecarSettings settings = ConfigFixture.Load(ConfigFixture.Valid);

        SecretDefinition secret = Assert.Single(settings.Secrets);
        Assert.Equal(TimeSpan.FromMinutes(5), secret.Refresh);
        Assert.True(secret.Required);
        Assert.Null(secret.Key);
        Assert.Null(secret.Version);

        FilesOutputSettings files = Assert.IsType<FilesOutputSettings>(settings.Outputs.Files);
        Assert.Equal(Convert.ToInt32("440", 8), (int)files.FileMode);
        Assert.Equal(Convert.ToInt32("750", 8), (int)files.DirectoryMode);
        Assert.Null(files.Group);
        Assert.True(files.RequireTmpfs);
    }

    [Fact]
    public void Source_path_is_the_absolute_path_of_the_config_file()
    {
        using TempDirectory dir = new();
        string path = dir.Write("secretbroker.yaml", ConfigFixture.Valid);

        SidecarSettings settings = SidecarSettingsLoader.Load(Path.GetRelativePath(Environment.CurrentDirectory, path));

        Assert.Equal(path, settings.SourcePath);
    }
}
