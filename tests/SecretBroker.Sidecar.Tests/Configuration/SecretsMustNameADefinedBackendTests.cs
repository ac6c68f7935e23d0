namespace SecretBroker.Sidecar.Tests.Configuration;

public class SecretsMustNameADefinedBackendTests
{
    [Fact]
    public void A_secret_naming_an_undefined_backend_is_an_error_listing_the_defined_ones()
    {
        string errors = ConfigFixture.Errors(ConfigFixture.Valid.Replace("backend: local", "backend: models", StringComparison.Ordinal));

        Assert.Contains(":7: secrets[0].backend: 'models' does not name a backend (defined: local)", errors, StringComparison.Ordinal);
    }
}
