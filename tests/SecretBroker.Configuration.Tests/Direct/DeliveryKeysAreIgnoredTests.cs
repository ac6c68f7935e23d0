using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration.Tests.Direct.Fakes;

namespace SecretBroker.Configuration.Tests.Direct;

/// <summary>
/// The sidecar's delivery keys (<c>secrets[].profile</c>, <c>secrets[].format</c>, the <c>huggingface:</c> section) are
/// part of the shared schema: the library accepts them, ignores what they do to files, and still refuses a misspelled one.
/// </summary>
public sealed class DeliveryKeysAreIgnoredTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sb-direct-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Profile_format_and_the_huggingface_section_are_accepted_and_values_stay_as_fetched()
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "hf-token"), "hf_from_file\n");
        File.WriteAllText(Path.Combine(_directory.FullName, "s3.json"), """{"AccessKeyId":"A","SecretAccessKey":"S"}""");
        var broker = new DirectBroker();
        IConfigurationSection section = JsonSection.Of($$"""
            {
              "SecretBroker": {
                "backends": { "local": { "type": "file", "path": "{{_directory.FullName}}" } },
                "secrets": [
                  { "name": "hf-token", "backend": "local", "id": "hf-token", "profile": "huggingface" },
                  { "name": "s3", "backend": "local", "id": "s3.json", "format": "aws-credentials" }
                ],
                "huggingface": { "verify": "true", "endpoint": "https://huggingface.co" }
              }
            }
            """);

        using var root = (ConfigurationRoot)new ConfigurationBuilder().AddSecretBroker(section, broker.Wire).Build();

        Assert.Equal("hf_from_file\n", root["hf-token"]);
        Assert.Equal("""{"AccessKeyId":"A","SecretAccessKey":"S"}""", root["s3"]);
    }

    [Fact]
    public void An_unknown_format_is_refused_by_the_library_as_by_the_sidecar()
    {
        IConfigurationSection section = JsonSection.Of($$"""
            {
              "SecretBroker": {
                "backends": { "local": { "type": "file", "path": "{{_directory.FullName}}" } },
                "secrets": [ { "name": "s3", "backend": "local", "id": "s3.json", "format": "ini" } ]
              }
            }
            """);

        var e = Assert.ThrowsAny<Exception>(() => new ConfigurationBuilder().AddSecretBroker(section, new DirectBroker().Wire).Build());

        Assert.Contains("SecretBroker:secrets:0:format: unknown format 'ini'", e.Message, StringComparison.Ordinal);
    }
}
