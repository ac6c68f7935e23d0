using Microsoft.Extensions.Configuration;
using SecretBroker.Aws;
using SecretBroker.Configuration.Tests.Direct.Fakes;
using SecretBroker.Emulators;

namespace SecretBroker.Configuration.Tests.Direct;

/// <summary>
/// The direct provider through the real <c>aws-secrets-manager</c> backend: IRSA against the in-process local cloud
/// (STS exchange of a projected token, SigV4-verified Secrets Manager calls), configured from an appsettings section.
/// </summary>
public sealed class AwsBackendTests : IAsyncLifetime
{
    private const string SecretId = "prod/huggingface";
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("sb-direct-cloud-");
    private LocalCloud? _cloud;

    private LocalCloud Cloud => _cloud!;

    public async Task InitializeAsync() => _cloud = await LocalCloud.StartAsync(new LocalCloudOptions { StateDirectory = _state.FullName });

    public async Task DisposeAsync()
    {
        if (_cloud is not null)
        {
            await _cloud.DisposeAsync();
        }

        _state.Delete(recursive: true);
    }

    [Fact]
    public async Task A_section_naming_aws_secrets_manager_loads_a_key_of_a_json_secret_and_reloads_its_rotation()
    {
        Cloud.Secrets.PutString(SecretId, """{"token":"hf_first"}""");
        var broker = new DirectBroker();
        IConfigurationSection section = JsonSection.Of($$"""
            {
              "SecretBroker": {
                "backends": {
                  "models": {
                    "type": "aws-secrets-manager",
                    "region": "{{Cloud.Options.Region}}",
                    "endpoint": "{{Cloud.SecretsManagerUrl}}",
                    "identity": "irsa",
                    "roleArn": "{{Cloud.Options.RoleArn}}",
                    "webIdentityTokenFile": "{{Cloud.IrsaToken.Path}}",
                    "stsEndpoint": "{{Cloud.StsUrl}}"
                  }
                },
                "secrets": [ { "name": "huggingface--token", "backend": "models", "id": "{{SecretId}}", "key": "token", "refresh": "1m" } ]
              }
            }
            """);

        using var root = (ConfigurationRoot)new ConfigurationBuilder().AddSecretBroker(section, b =>
        {
            broker.Wire(b);
            b.UseAwsSecretsManager();
        }).Build();
        Assert.Equal("hf_first", root["huggingface:token"]);
        Assert.Equal("SecretBroker: 1 secret(s) from models (aws-secrets-manager)", root.Providers.Single().ToString());

        using var reloads = new ReloadCounter(root);
        Cloud.Secrets.PutString(SecretId, """{"token":"hf_second"}""");
        await broker.RefreshCycleAsync();
        await reloads.WaitForAsync(1);

        Assert.Equal("hf_second", root["huggingface:token"]);
    }
}
