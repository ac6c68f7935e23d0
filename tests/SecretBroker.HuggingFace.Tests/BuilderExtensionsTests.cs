using SecretBroker.Backends;
using SecretBroker.Settings;

namespace SecretBroker.HuggingFace.Tests;

/// <summary>The library's front door: <c>UseHuggingFaceOidc()</c> registers the type, <c>AddHuggingFaceOidc</c> adds a configured backend.</summary>
public sealed class BuilderExtensionsTests
{
    [Fact]
    public void UseHuggingFaceOidc_lets_a_section_name_the_type()
    {
        var builder = new RecordingBuilder();

        builder.UseHuggingFaceOidc();

        Assert.Same(HuggingFaceOidcBackendType.Instance, builder.BackendTypes.Find("huggingface-oidc"));
    }

    [Fact]
    public void AddHuggingFaceOidc_adds_a_backend_carrying_the_configured_options()
    {
        var builder = new RecordingBuilder();

        builder.AddHuggingFaceOidc("hub", o =>
        {
            o.TokenFile = "/var/run/secrets/hf/token";
            o.Endpoint = new Uri("https://hub.example.test");
        });

        ConfiguredBackend backend = Assert.Single(builder.Backends);
        Assert.Equal("hub", backend.Name);
        Assert.Same(HuggingFaceOidcBackendType.Instance, backend.Type);
        var options = Assert.IsType<HuggingFaceOidcOptions>(backend.Options);
        Assert.Equal("/var/run/secrets/hf/token", options.TokenFile);
        Assert.Equal(new Uri("https://hub.example.test"), options.Endpoint);
    }

    private sealed class RecordingBuilder : ISecretBrokerBuilder
    {
        public SecretBackendCatalog BackendTypes { get; } = new();

        public List<ConfiguredBackend> Backends { get; } = [];

        public ISecretBrokerBuilder AddBackend(ConfiguredBackend backend)
        {
            BackendTypes.Add(backend.Type);
            Backends.Add(backend);
            return this;
        }

        public ISecretBrokerBuilder AddSecret(SecretDefinition secret) => this;
    }
}
