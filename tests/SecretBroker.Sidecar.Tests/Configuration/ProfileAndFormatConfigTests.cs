using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

/// <summary><c>secrets[].profile</c>, <c>secrets[].format</c> and the <c>huggingface:</c> section: read, and refused with FILE:LINE.</summary>
public class ProfileAndFormatConfigTests
{
    private static string Config(string secrets, string extra = "") => $"""
        backends:
          local: {"{"} type: file, path: ./secrets {"}"}
        secrets:
        {secrets}
        outputs:
          files: {"{"} dir: /dev/shm/secretbroker-test {"}"}
        {extra}
        """;

    [Fact]
    public void Profiles_and_formats_are_carried_by_name_and_raw_secrets_are_not_listed()
    {
        SidecarSettings settings = ConfigFixture.Load(Config("""
              - { name: hf-token, backend: local, id: hf, profile: huggingface }
              - { name: s3, backend: local, id: s3, format: aws-credentials }
              - { name: env, backend: local, id: env, format: dotenv, key: app }
              - { name: plain, backend: local, id: plain, format: raw }
            """));

        Assert.Equal(new SecretFileDelivery(SecretProfile.HuggingFace, SecretFileFormat.Raw), settings.FileDeliveries["hf-token"]);
        Assert.Equal(SecretFileFormat.AwsCredentials, settings.FileDeliveries["s3"].Format);
        Assert.Equal(SecretFileFormat.Dotenv, settings.FileDeliveries["env"].Format);
        Assert.False(settings.FileDeliveries.ContainsKey("plain"));
        Assert.Null(settings.HuggingFace);
    }

    [Fact]
    public void Two_huggingface_profiles_are_refused_on_the_second_line()
    {
        string errors = ConfigFixture.Errors(Config("""
              - { name: a, backend: local, id: a, profile: huggingface }
              - { name: b, backend: local, id: b, profile: huggingface }
            """));

        Assert.Contains(":5: secrets[1].profile: only one secret may have profile: huggingface (already given on line 4)", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("profile: hugging-face", "secrets[0].profile: unknown profile 'hugging-face' (expected one of: huggingface)")]
    [InlineData("format: json", "secrets[0].format: unknown format 'json' (expected one of: raw, aws-credentials, dotenv)")]
    [InlineData("profile: huggingface, format: dotenv", "secrets[0].format: format 'dotenv' cannot be combined with profile: huggingface")]
    public void Unknown_or_contradictory_values_are_refused_with_their_line(string keys, string expected)
    {
        string errors = ConfigFixture.Errors(Config($"  - {{ name: a, backend: local, id: a, {keys} }}"));

        Assert.Contains(":4: " + expected, errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_named_hf_beside_a_huggingface_profile_is_refused()
    {
        string errors = ConfigFixture.Errors(Config("""
              - { name: hf, backend: local, id: a }
              - { name: token, backend: local, id: b, profile: huggingface }
            """));

        Assert.Contains(":4: secrets[0].name: secret name 'hf' is the directory profile: huggingface writes (line 5)", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_huggingface_section_defaults_to_the_public_hub_and_takes_a_loopback_http_endpoint()
    {
        const string secret = "  - { name: hf-token, backend: local, id: hf, profile: huggingface }";

        Assert.Equal(new HuggingFaceSettings(new Uri("https://huggingface.co/"), Verify: true), ConfigFixture.Load(Config(secret, "huggingface: { verify: true }")).HuggingFace);
        Assert.Equal(new Uri("http://127.0.0.1:9999/hub/"), ConfigFixture.Load(Config(secret, "huggingface: { verify: true, endpoint: 'http://127.0.0.1:9999/hub' }")).HuggingFace!.Endpoint);
    }

    [Theory]
    [InlineData("huggingface: { endpoint: 'http://hub.example.com' }", ":7: huggingface.endpoint: 'http://hub.example.com' is plain http to a host that is not loopback")]
    [InlineData("huggingface: { endpoint: 'ftp://hub' }", ":7: huggingface.endpoint: 'ftp://hub' is not a base URL")]
    [InlineData("huggingface: { verify: yes }", ":7: huggingface.verify: 'yes' is not a boolean")]
    [InlineData("huggingface: { token: x }", ":7: huggingface.token: unknown key (expected one of: verify, endpoint)")]
    public void Bad_huggingface_settings_are_refused_with_their_line(string section, string expected)
    {
        string errors = ConfigFixture.Errors(Config("  - { name: hf-token, backend: local, id: hf, profile: huggingface }", section));

        Assert.Contains(expected, errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_with_no_huggingface_secret_is_refused()
    {
        string errors = ConfigFixture.Errors(Config("  - { name: a, backend: local, id: a }", "huggingface: { verify: true }"));

        Assert.Contains(":7: huggingface.verify: there is no secret with profile: huggingface to verify", errors, StringComparison.Ordinal);
    }
}
