using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration.Tests.Direct.Fakes;

namespace SecretBroker.Configuration.Tests.Direct;

public sealed class SectionSchemaTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sb-direct-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void An_appsettings_section_in_the_sidecar_schema_loads_through_the_real_file_backend()
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "hf-token"), "hf_from_file");
        File.WriteAllText(Path.Combine(_directory.FullName, "db.json"), """{"user":"app","password":"pw"}""");
        var broker = new DirectBroker();

        // The sidecar's keys the library has no use for are accepted: outputs, and the socket's allow lists.
        IConfigurationSection section = JsonSection.Of($$"""
            {
              "SecretBroker": {
                "backends": { "local": { "type": "file", "path": "{{_directory.FullName}}" } },
                "secrets": [
                  { "name": "huggingface--token", "backend": "local", "id": "hf-token", "refresh": "30s", "allowUids": [1000] },
                  { "name": "db--user", "backend": "local", "id": "db.json", "key": "user", "allowGids": [2000] }
                ],
                "outputs": { "files": { "dir": "/var/run/secretbroker/secrets" } }
              }
            }
            """);

        using var root = (ConfigurationRoot)new ConfigurationBuilder().AddSecretBroker(section, broker.Wire).Build();

        Assert.Equal("hf_from_file", root["huggingface:token"]);
        Assert.Equal("app", root["db:user"]);
        Assert.Equal("SecretBroker: 2 secret(s) from local (file)", root.Providers.Single().ToString());
    }

    [Fact]
    public void A_relative_file_path_is_resolved_against_the_base_directory()
    {
        Directory.CreateDirectory(Path.Combine(_directory.FullName, "secrets"));
        File.WriteAllText(Path.Combine(_directory.FullName, "secrets", "api-key"), "relative-ok");
        IConfigurationSection section = JsonSection.Of("""
            {
              "SecretBroker": {
                "backends": { "local": { "type": "file", "path": "secrets" } },
                "secrets": [ { "name": "api-key", "backend": "local", "id": "api-key" } ]
              }
            }
            """);

        using var root = (ConfigurationRoot)new ConfigurationBuilder()
            .AddSecretBroker(section, b => b.BaseDirectory = _directory.FullName)
            .Build();

        Assert.Equal("relative-ok", root["api-key"]);
    }

    [Fact]
    public void The_configure_callback_registers_backend_types_a_section_may_name()
    {
        var broker = new DirectBroker();
        broker.Backend("vaultish").Set("token", "from-scripted", "v1");
        IConfigurationSection section = JsonSection.Of("""
            {
              "SecretBroker": {
                "backends": { "vaultish": { "type": "scripted", "label": "x" } },
                "secrets": [ { "name": "token", "backend": "vaultish", "id": "token" } ]
              }
            }
            """);

        using var root = (ConfigurationRoot)new ConfigurationBuilder().AddSecretBroker(section, broker.Wire).Build();

        Assert.Equal("from-scripted", root["token"]);
    }
}
