using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

/// <summary>
/// An operator's config works in both places: the sidecar's own sample file, handed to <c>AddSecretBroker</c> as an
/// <c>IConfigurationSection</c> (what a YAML configuration provider would give the app), yields the secrets the
/// sidecar reads from it, with the same values.
/// </summary>
public sealed class OneConfigBothFrontDoorsTests
{
    private static readonly string SampleDirectory = Path.Combine(RepositoryRoot.Path, "samples", "local");

    [Fact]
    public void The_sidecar_sample_config_loads_through_AddSecretBroker_with_the_same_secrets()
    {
        string file = Path.Combine(SampleDirectory, "secretbroker.yaml");
        SidecarSettings sidecar = SidecarSettingsLoader.Load(file);
        IConfigurationSection section = AsConfigurationSection(file, "SecretBroker");

        IConfigurationRoot app = new ConfigurationBuilder()
            .AddSecretBroker(section, b => b.BaseDirectory = SampleDirectory)
            .Build();
        using var disposable = (IDisposable)app;

        Assert.Equal(["hf-token", "model-store-key", "openai-api-key"], sidecar.Secrets.Select(s => s.Name));
        Assert.Equal(File.ReadAllText(Path.Combine(SampleDirectory, "secrets", "hf-token")), app["hf-token"]);
        Assert.Equal(File.ReadAllText(Path.Combine(SampleDirectory, "secrets", "openai-api-key")), app["openai-api-key"]);
        using JsonDocument modelStore = JsonDocument.Parse(File.ReadAllText(Path.Combine(SampleDirectory, "secrets", "model-store.json")));
        Assert.Equal(modelStore.RootElement.GetProperty("secretAccessKey").GetString(), app["model-store-key"]);
        Assert.Equal(sidecar.Secrets.Select(s => s.Name).Order(StringComparer.Ordinal), app.GetChildren().Select(c => c.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_mistake_in_the_shared_schema_is_named_the_same_way_by_both()
    {
        string yaml = """
            backends:
              local: { type: file, path: ./secrets, colour: blue }
            secrets:
              - { name: hf-token, backend: local, id: hf-token, refresh: 10ms }
            outputs:
              files: { dir: /dev/shm/x }
            """;
        string sidecarErrors = ConfigFixture.Errors(yaml);
        SettingsNode root = Parse(yaml);

        SecretBrokerConfigurationException app = Assert.Throws<SecretBrokerConfigurationException>(() =>
            new ConfigurationBuilder().AddSecretBroker(AsSection(root, "SecretBroker")).Build());

        foreach (string problem in (string[])["unknown key for a 'file' backend (expected one of: type, path)", "'10ms' is shorter than the minimum of 100ms"])
        {
            Assert.Contains(problem, sidecarErrors, StringComparison.Ordinal);
            Assert.Contains(app.Errors, e => e.EndsWith(problem, StringComparison.Ordinal));
        }

        Assert.Contains(app.Errors, e => e.StartsWith("SecretBroker:backends:local:colour: ", StringComparison.Ordinal));
        Assert.Contains(app.Errors, e => e.StartsWith("SecretBroker:secrets:0:refresh: ", StringComparison.Ordinal));
    }

    private static IConfigurationSection AsConfigurationSection(string file, string name) => AsSection(Parse(File.ReadAllText(file)), name);

    private static SettingsNode Parse(string yaml)
    {
        List<SettingsError> errors = [];
        using StringReader reader = new(yaml);
        SettingsNode? root = YamlConfigParser.Parse(reader, errors);
        Assert.Empty(errors);
        return root!;
    }

    /// <summary>The tree as a configuration provider flattens it: mappings by key, lists by index.</summary>
    private static IConfigurationSection AsSection(SettingsNode root, string name)
    {
        Dictionary<string, string?> flat = new(StringComparer.OrdinalIgnoreCase);
        Flatten(root, name, flat);
        return new ConfigurationBuilder().AddInMemoryCollection(flat).Build().GetSection(name);
    }

    private static void Flatten(SettingsNode node, string path, Dictionary<string, string?> flat)
    {
        switch (node)
        {
            case SettingsMapping map:
                foreach ((SettingsScalar key, SettingsNode value) in map.Entries)
                {
                    Flatten(value, path + ":" + key.Value, flat);
                }

                break;
            case SettingsSequence list:
                for (int i = 0; i < list.Items.Count; i++)
                {
                    Flatten(list.Items[i], path + ":" + i.ToString(CultureInfo.InvariantCulture), flat);
                }

                break;
            case SettingsScalar scalar:
                flat[path] = scalar.Value;
                break;
        }
    }
}
