using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Flavors;

namespace SecretBroker.Sidecar.Tests.Configuration;

public class BackendTypesTests
{
    [Theory]
    [InlineData("vault")]
    [InlineData("azure-key-vault")]
    public void A_backend_type_this_flavour_lacks_is_rejected_not_ignored(string type)
    {
        string config = ConfigFixture.Valid.Replace("backends:", "backends:\n  cloud: { type: " + type + ", region: us-west-2 }", StringComparison.Ordinal);

        string errors = Assert.Throws<ConfigurationException>(() => SidecarSettingsLoader.Parse(config, "secretbroker.yaml", "/etc/secretbroker/secretbroker.yaml", SidecarFlavor.Aws)).Message;

        Assert.Contains(":2: backends.cloud.type: backend type '" + type + "' is not registered", errors, StringComparison.Ordinal);

        // One clear error for the type, not one per key the type would have had.
        Assert.DoesNotContain("region", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_backend_type_is_rejected()
    {
        string errors = ConfigFixture.Errors(ConfigFixture.Valid.Replace("type: file", "type: fiel", StringComparison.Ordinal));

        Assert.Contains(":3: backends.local.type: unknown backend type 'fiel' (available: file, aws-secrets-manager, azure-key-vault, vault, huggingface-oidc)", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_backend_needs_a_non_empty_path()
    {
        string errors = ConfigFixture.Errors(ConfigFixture.Valid.Replace("path: ./secrets", "path: \"\"", StringComparison.Ordinal));

        Assert.Contains(":4: backends.local.path: must not be empty", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_backend_without_path_is_an_error_on_the_backends_line()
    {
        string errors = ConfigFixture.Errors(ConfigFixture.Valid.Replace("    path: ./secrets\n", string.Empty, StringComparison.Ordinal));

        Assert.Contains(":2: backends.local.path: is required", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_backend_directory_is_not_a_config_error_but_a_fetch_failure_later() =>
        Assert.Single(ConfigFixture.Load(ConfigFixture.Valid.Replace("./secrets", "/does/not/exist", StringComparison.Ordinal)).Backends);

    [Fact]
    public void A_key_a_file_backend_does_not_know_is_rejected()
    {
        string errors = ConfigFixture.Errors(ConfigFixture.Valid.Replace("    path: ./secrets", "    path: ./secrets\n    region: x", StringComparison.Ordinal));

        Assert.Contains(":5: backends.local.region: unknown key for a 'file' backend (expected one of: type, path)", errors, StringComparison.Ordinal);
    }
}
