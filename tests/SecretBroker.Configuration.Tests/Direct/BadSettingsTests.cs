using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration.Tests.Direct.Fakes;

namespace SecretBroker.Configuration.Tests.Direct;

public sealed class BadSettingsTests
{
    [Fact]
    public void A_bad_section_throws_at_build_naming_every_problem_by_key_path()
    {
        var broker = new DirectBroker();
        IConfigurationSection section = JsonSection.Of("""
            {
              "SecretBroker": {
                "backends": {
                  "models": { "type": "scripted", "label": "x", "region": "eu-west-1" },
                  "mystery": { "type": "nope" }
                },
                "secrets": [
                  { "name": "a", "backend": "models" },
                  { "name": "b", "backend": "elsewhere", "id": "b" },
                  { "name": "c", "backend": "models", "id": "c", "refresh": "10ms" }
                ],
                "logging": true
              }
            }
            """);
        var builder = new ConfigurationBuilder().AddSecretBroker(section, broker.Wire);

        var error = Assert.Throws<SecretBrokerConfigurationException>(() => builder.Build());

        Assert.Contains(error.Errors, e => e.StartsWith("SecretBroker:backends:models:region: unknown key for a 'scripted' backend", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("SecretBroker:backends:mystery:type: unknown backend type 'nope'", StringComparison.Ordinal));
        Assert.Contains("SecretBroker:secrets:0:id: is required", error.Errors);
        Assert.Contains(error.Errors, e => e.StartsWith("SecretBroker:secrets:1:backend: 'elsewhere' does not name a backend", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("SecretBroker:secrets:2:refresh: '10ms' is shorter than the minimum", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("SecretBroker:logging: unknown key", StringComparison.Ordinal));
        Assert.Equal(6, error.Errors.Count);
        Assert.All(error.Errors, e => Assert.Contains(e, error.Message, StringComparison.Ordinal));
        Assert.Equal(0, broker.Backend("models").Fetches);
    }

    [Theory]
    [InlineData("aws-secrets-manager", "SecretBroker.Aws")]
    [InlineData("aws-secrets-manager", "UseAwsSecretsManager()")]
    [InlineData("huggingface-oidc", "SecretBroker.HuggingFace")]
    [InlineData("huggingface-oidc", "UseHuggingFaceOidc()")]
    [InlineData("azure-key-vault", "SecretBroker.Azure")]
    [InlineData("azure-key-vault", "UseAzureKeyVault()")]
    [InlineData("vault", "SecretBroker.Vault")]
    [InlineData("vault", "UseVault()")]
    public void A_known_backend_type_that_is_not_registered_says_what_to_add(string type, string advice)
    {
        IConfigurationSection section = JsonSection.Of($$"""
            {
              "SecretBroker": {
                "backends": { "cloud": { "type": "{{type}}", "region": "eu-west-1" } },
                "secrets": [ { "name": "a", "backend": "cloud", "id": "a" } ]
              }
            }
            """);

        var error = Assert.Throws<SecretBrokerConfigurationException>(() => new ConfigurationBuilder().AddSecretBroker(section).Build());

        string problem = Assert.Single(error.Errors);
        Assert.StartsWith("SecretBroker:backends:cloud:type: backend type '" + type + "'", problem, StringComparison.Ordinal);
        Assert.Contains(advice, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_section_names_both_required_keys()
    {
        IConfigurationSection section = JsonSection.Of("{}");

        var error = Assert.Throws<SecretBrokerConfigurationException>(() => new ConfigurationBuilder().AddSecretBroker(section).Build());

        Assert.Equal(["SecretBroker:backends: is required", "SecretBroker:secrets: is required"], error.Errors);
    }

    [Fact]
    public void Bad_code_first_calls_throw_at_build_with_the_same_rules_every_problem_at_once()
    {
        var broker = new DirectBroker();
        var builder = new ConfigurationBuilder().AddSecretBroker(b =>
        {
            broker.Wire(b);
            b.AddBackend("main", broker.Type, static o => o.Label = "main");
            b.AddBackend("main", broker.Type, static o => o.Label = "again");
            b.AddBackend("bad name", broker.Type, static o => o.Label = "x");
            b.AddBackend("unlabelled", broker.Type, static _ => { });
            b.AddSecret("a", "main", id: "");
            b.AddSecret("b", "nowhere", "b");
            b.AddSecret("c", "main", "c", refresh: TimeSpan.FromMilliseconds(10));
            b.AddSecret("c", "main", "c2");
        });

        var error = Assert.Throws<SecretBrokerConfigurationException>(() => builder.Build());

        Assert.Contains("backends.main: a backend named 'main' is already defined", error.Errors);
        Assert.Contains(error.Errors, e => e.StartsWith("backends.bad name: 'bad name' is not a valid backend name", StringComparison.Ordinal));
        Assert.Contains("backends.unlabelled.label: is required", error.Errors);
        Assert.Contains("secrets[0].id: is required", error.Errors);
        Assert.Contains(error.Errors, e => e.StartsWith("secrets[1].backend: 'nowhere' does not name a backend", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("secrets[2].refresh: '10ms' is shorter than the minimum", StringComparison.Ordinal));
        Assert.Contains("secrets[3].name: secret name 'c' is already used", error.Errors);
        Assert.Equal(7, error.Errors.Count);
        Assert.Equal(0, broker.Backend().Fetches);
    }

    [Fact]
    public void Code_first_with_no_secret_is_a_mistake_reported_at_build()
    {
        var builder = new ConfigurationBuilder().AddSecretBroker(b => b.AddFileBackend("local", "/tmp"));

        var error = Assert.Throws<SecretBrokerConfigurationException>(() => builder.Build());

        Assert.StartsWith("secrets: at least one secret is required", Assert.Single(error.Errors), StringComparison.Ordinal);
    }
}
