using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration.Tests.Direct.Fakes;

namespace SecretBroker.Configuration.Tests.Direct;

public sealed class CodeFirstKeysTests
{
    [Fact]
    public void Secrets_declared_in_code_become_keys_with_double_dash_read_as_a_section_separator()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("hf", "hf_token_1", "v1");
        broker.Backend().Set("db-json", """{"user":"app","password":"pw1"}""", "v1");

        using ConfigurationRoot root = broker.Build(b => b
            .AddSecret("huggingface--token", "main", "hf")
            .AddSecret("db--password", "main", "db-json", key: "password"));

        Assert.Equal("hf_token_1", root["huggingface:token"]);
        Assert.Equal("pw1", root["db:password"]);
    }

    [Fact]
    public void A_prefix_puts_every_key_under_it_and_flattening_exposes_json_fields()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("db-json", """{"user":"app","hosts":["a","b"]}""", "v1");

        using ConfigurationRoot root = broker.Build(b =>
        {
            b.Prefix = "Secrets";
            b.FlattenJson = true;
            b.AddSecret("db", "main", "db-json");
        });

        Assert.Equal("app", root["Secrets:db:user"]);
        Assert.Equal("b", root["Secrets:db:hosts:1"]);
        Assert.Null(root["db:user"]);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_exposed_as_base64()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("blob", [0xff, 0x00, 0xfe], "v1");

        using ConfigurationRoot root = broker.Build(b => b.AddSecret("blob", "main", "blob"));

        Assert.Equal(Convert.ToBase64String([0xff, 0x00, 0xfe]), root["blob"]);
    }

    [Fact]
    public void The_debug_view_describes_the_source_by_backends_and_secret_count_never_a_value()
    {
        var broker = new DirectBroker();
        broker.Backend().Set("hf", "CANARY-debug-view-value", "v1");

        using ConfigurationRoot root = broker.Build(b => b.AddSecret("huggingface--token", "main", "hf"));
        string description = root.Providers.Single().ToString()!;

        Assert.Equal("SecretBroker: 1 secret(s) from main (scripted)", description);
        Assert.DoesNotContain("CANARY", description, StringComparison.Ordinal);
        Assert.Contains("(SecretBroker: 1 secret(s) from main (scripted))", root.GetDebugView(), StringComparison.Ordinal);
    }
}
