using System.Text;
using SecretBroker.Configuration.Internal;

namespace SecretBroker.Configuration.Tests;

public class ConfigurationKeysTests
{
    private static SecretSet Set(params (string Name, byte[] Value)[] secrets) =>
        new(secrets.ToDictionary(s => s.Name, s => new SecretValue(s.Value, "v"), StringComparer.Ordinal));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [InlineData("huggingface--token", null, "huggingface:token")]
    [InlineData("a--b--c", null, "a:b:c")]
    [InlineData("plain", "Secrets", "Secrets:plain")]
    [InlineData("hf-token", null, "hf-token")]
    public void Names_map_to_keys(string name, string? prefix, string key) => Assert.Equal(key, ConfigurationKeys.KeyOf(name, prefix));

    [Fact]
    public void Json_objects_flatten_into_sections_only_when_asked()
    {
        var set = Set(("db", Utf8("""{"user":"app","port":5432,"hosts":["a","b"],"tls":{"on":true}}""")));

        var flat = ConfigurationKeys.Map(set, null, flattenJson: true);
        var whole = ConfigurationKeys.Map(set, null, flattenJson: false);

        Assert.Equal("app", flat["db:user"]);
        Assert.Equal("5432", flat["db:port"]);
        Assert.Equal("b", flat["db:hosts:1"]);
        Assert.Equal("true", flat["db:tls:on"]);
        Assert.False(flat.ContainsKey("db"));
        Assert.StartsWith("{", whole["db"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_is_not_a_json_object_stays_one_string_when_flattening()
    {
        var flat = ConfigurationKeys.Map(Set(("token", Utf8("{not json")), ("list", Utf8("[1,2]"))), null, flattenJson: true);

        Assert.Equal("{not json", flat["token"]);
        Assert.Equal("[1,2]", flat["list"]);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_exposed_as_base64()
    {
        byte[] binary = [0xff, 0xfe, 0x00, 0x01];

        Assert.Equal(Convert.ToBase64String(binary), ConfigurationKeys.Map(Set(("bin", binary)), null, false)["bin"]);
    }

    [Fact]
    public void Keys_are_case_insensitive_like_every_configuration_provider()
    {
        Assert.Equal("x", ConfigurationKeys.Map(Set(("hf-token", Utf8("x"))), null, false)["HF-TOKEN"]);
    }
}
