using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration.Tests.Direct.Fakes;

namespace SecretBroker.Configuration.Tests.Direct;

/// <summary>
/// <c>credentials:</c> (model-store credential sets served on the sidecar's loopback listener) is sidecar-only: a
/// sidecar config used as an appsettings section loads in-process without it being an error.
/// </summary>
public sealed class CredentialsSectionIsIgnoredTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sb-direct-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void A_section_with_credentials_loads_its_secrets_and_ignores_the_sets()
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "s3keys"), """{"AccessKeyId":"AKIA","SecretAccessKey":"s"}""");
        var broker = new DirectBroker();
        IConfigurationSection section = JsonSection.Of($$"""
            {
              "SecretBroker": {
                "backends": { "local": { "type": "file", "path": "{{_directory.FullName}}" } },
                "secrets": [ { "name": "s3keys", "backend": "local", "id": "s3keys" } ],
                "credentials": { "minio": { "type": "secret", "secret": "s3keys" } },
                "outputs": { "http": { "listen": "127.0.0.1:8787" } }
              }
            }
            """);

        using var root = (ConfigurationRoot)new ConfigurationBuilder().AddSecretBroker(section, broker.Wire).Build();

        Assert.Equal("""{"AccessKeyId":"AKIA","SecretAccessKey":"s"}""", root["s3keys"]);
        Assert.Null(root["minio"]);
    }
}
