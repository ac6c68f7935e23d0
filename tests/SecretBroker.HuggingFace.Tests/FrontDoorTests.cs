using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration;
using SecretBroker.HuggingFace.Tests.Fakes;

namespace SecretBroker.HuggingFace.Tests;

/// <summary>
/// The library's two front doors: an <c>IConfigurationSection</c> naming <c>type: huggingface-oidc</c> (after
/// <c>UseHuggingFaceOidc()</c>) and code-first <c>AddHuggingFaceOidc</c> both bind, build and fail closed the same way.
/// </summary>
public sealed class FrontDoorTests
{
    [Fact]
    public void A_section_naming_huggingface_oidc_exchanges_the_token_into_a_configuration_key()
    {
        using var token = new ProjectedToken();
        using var hub = new LoopbackHub("hf_jwt_from_the_section");

        IConfigurationRoot configuration = new ConfigurationBuilder()
            .AddSecretBroker(Section(hub.Endpoint.ToString(), token.Path), b => b.UseHuggingFaceOidc())
            .Build();

        Assert.Equal("hf_jwt_from_the_section", configuration["hf:token"]);
        Assert.Equal(["acme/llama-ft"], hub.Resources);
        (configuration as IDisposable)?.Dispose();
    }

    [Fact]
    public void A_redirect_from_the_hub_is_not_followed_so_the_projected_token_goes_nowhere_else()
    {
        using var token = new ProjectedToken();
        using var elsewhere = new LoopbackHub("hf_jwt_elsewhere");
        using var hub = new LoopbackHub("unused", redirectTo: elsewhere.Endpoint);

        var error = Assert.Throws<SecretBrokerConfigurationException>(() => new ConfigurationBuilder()
            .AddSecretBroker(Section(hub.Endpoint.ToString(), token.Path), b => b.UseHuggingFaceOidc())
            .Build());

        Assert.Contains("HTTP 307", error.Message, StringComparison.Ordinal);
        Assert.Equal(["acme/llama-ft"], hub.Resources);
        Assert.Empty(elsewhere.Resources);
    }

    [Fact]
    public void A_section_with_a_missing_token_file_throws_naming_it()
    {
        string missing = Path.Combine(Path.GetTempPath(), "sb-hf-none-" + Guid.NewGuid().ToString("N"), "token");

        var error = Assert.Throws<SecretBrokerConfigurationException>(() => new ConfigurationBuilder()
            .AddSecretBroker(Section("https://huggingface.co", missing), b => b.UseHuggingFaceOidc())
            .Build());

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_section_with_plain_http_to_a_remote_hub_names_the_key_path()
    {
        using var token = new ProjectedToken();

        var error = Assert.Throws<SecretBrokerConfigurationException>(() => new ConfigurationBuilder()
            .AddSecretBroker(Section("http://hub.example.test", token.Path), b => b.UseHuggingFaceOidc())
            .Build());

        Assert.Contains(error.Errors, static e => e.StartsWith("SecretBroker:backends:hub:endpoint:", StringComparison.Ordinal) && e.Contains("must use https", StringComparison.Ordinal));
    }

    [Fact]
    public void Code_first_AddHuggingFaceOidc_carries_its_options_to_the_backend()
    {
        using var token = new ProjectedToken();
        using var hub = new LoopbackHub("hf_jwt_code_first");

        IConfigurationRoot configuration = new ConfigurationBuilder()
            .AddSecretBroker(b => b
                .AddHuggingFaceOidc("hub", o =>
                {
                    o.TokenFile = token.Path;
                    o.Endpoint = hub.Endpoint;
                })
                .AddSecret("hf--token", backend: "hub", id: "acme"))
            .Build();

        Assert.Equal("hf_jwt_code_first", configuration["hf:token"]);
        Assert.Equal(["acme"], hub.Resources);
        (configuration as IDisposable)?.Dispose();
    }

    private static IConfigurationSection Section(string endpoint, string tokenFile) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SecretBroker:backends:hub:type"] = "huggingface-oidc",
            ["SecretBroker:backends:hub:endpoint"] = endpoint,
            ["SecretBroker:backends:hub:tokenFile"] = tokenFile,
            ["SecretBroker:secrets:0:name"] = "hf--token",
            ["SecretBroker:secrets:0:backend"] = "hub",
            ["SecretBroker:secrets:0:id"] = "acme/llama-ft",
        })
        .Build()
        .GetSection("SecretBroker");
}
