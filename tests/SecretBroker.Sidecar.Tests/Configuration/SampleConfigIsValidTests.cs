using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

public class SampleConfigIsValidTests
{
    [Fact]
    public void The_local_sample_loads_and_reads_from_its_own_secrets_directory()
    {
        string sample = Path.Combine(RepositoryRoot.Path, "samples", "local", "secretbroker.yaml");

        SidecarSettings settings = SidecarSettingsLoader.Load(sample);

        Assert.Equal(["hf-token", "model-store-key", "openai-api-key"], settings.Secrets.Select(s => s.Name));
        Assert.Equal(Path.Combine(RepositoryRoot.Path, "samples", "local", "secrets"), ((FileBackendSettings)settings.Backends["local"]).Path);
        Assert.Equal("/dev/shm/secretbroker/secrets", settings.Outputs.Files!.Directory);
        Assert.All(settings.Secrets, s => Assert.Equal(TimeSpan.FromSeconds(2), s.Refresh));
    }
}
