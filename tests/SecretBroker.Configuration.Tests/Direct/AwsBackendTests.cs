using Microsoft.Extensions.Configuration;
using SecretBroker.Aws;
using SecretBroker.Configuration.Tests.Direct.Fakes;

namespace SecretBroker.Configuration.Tests.Direct;

/// <summary>
/// The direct provider through the real <c>aws-secrets-manager</c> backend: IRSA against the in-process local cloud
/// (STS exchange of a projected token, SigV4-verified Secrets Manager calls), configured from an appsettings section.
/// </summary>
public sealed class AwsBackendTests() : LocalCloudTest("cloud")
{
    private const string SecretId = "prod/huggingface";
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

        using ConfigurationRoot root = broker.Build(section, static b => b.UseAwsSecretsManager());
        Assert.Equal("hf_first", root["huggingface:token"]);
        Assert.Equal("SecretBroker: 1 secret(s) from models (aws-secrets-manager)", root.Providers.Single().ToString());

        using var reloads = new ReloadCounter(root);
        Cloud.Secrets.PutString(SecretId, """{"token":"hf_second"}""");
        await broker.RefreshCycleAsync();
        await reloads.WaitForAsync(1);

        Assert.Equal("hf_second", root["huggingface:token"]);
    }
}
