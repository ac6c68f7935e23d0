using SecretBroker.Aws;
using SecretBroker.FileBackend;
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
        Assert.Equal(Path.Combine(RepositoryRoot.Path, "samples", "local", "secrets"), ((FileSecretBackendOptions)settings.Backends["local"].Options).Path);
        Assert.Equal("/dev/shm/secretbroker/secrets", settings.Outputs.Files!.Directory);
        Assert.All(settings.Secrets, s => Assert.Equal(TimeSpan.FromSeconds(2), s.Refresh));
    }

    [Theory]
    [InlineData("irsa.yaml", AwsIdentityMode.Irsa)]
    [InlineData("pod-identity.yaml", AwsIdentityMode.PodIdentity)]
    public void The_aws_samples_load_with_their_identity_and_the_pod_paths_of_the_contract(string file, AwsIdentityMode identity)
    {
        string sample = Path.Combine(RepositoryRoot.Path, "samples", "aws", file);

        SidecarSettings settings = SidecarSettingsLoader.Load(sample);

        AwsSecretsManagerOptions models = Assert.IsType<AwsSecretsManagerOptions>(settings.Backends["models"].Options);
        Assert.Equal(identity, models.Identity);
        Assert.Equal("us-west-2", models.Region);
        Assert.Equal(AwsRefreshMode.Batch, models.RefreshMode);
        Assert.Null(models.ServiceUrl);
        Assert.Null(models.StsServiceUrl);
        Assert.Equal(["hf-token", "model-store-key"], settings.Secrets.Select(s => s.Name));
        Assert.Equal("/var/run/secretbroker/secrets", settings.Outputs.Files!.Directory);
        Assert.Equal("/var/run/secretbroker/broker.sock", settings.Outputs.Socket!.Path);
        Assert.NotNull(settings.Outputs.Http);
    }
}
