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

    [Theory]
    [InlineData("irsa.yaml", "irsa")]
    [InlineData("pod-identity.yaml", "pod-identity")]
    public void The_aws_samples_load_with_their_identity_and_the_pod_paths_of_the_contract(string file, string identity)
    {
        string sample = Path.Combine(RepositoryRoot.Path, "samples", "aws", file);

        SidecarSettings settings = SidecarSettingsLoader.Load(sample);

        AwsBackendSettings models = Assert.IsType<AwsBackendSettings>(settings.Backends["models"]);
        Assert.Equal(identity, models.Identity);
        Assert.Equal("us-west-2", models.Region);
        Assert.Equal("batch", models.RefreshMode);
        Assert.Null(models.Endpoint);
        Assert.Null(models.StsEndpoint);
        Assert.Equal(["hf-token", "model-store-key"], settings.Secrets.Select(s => s.Name));
        Assert.Equal("/var/run/secretbroker/secrets", settings.Outputs.Files!.Directory);
        Assert.Equal("/var/run/secretbroker/broker.sock", settings.Outputs.Socket!.Path);
        Assert.NotNull(settings.Outputs.Http);
    }
}
