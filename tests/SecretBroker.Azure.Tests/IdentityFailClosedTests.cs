using Azure.Core.Pipeline;

using SecretBroker.Azure.Internal;
using SecretBroker.Backends;

namespace SecretBroker.Azure.Tests;

/// <summary>Workload identity fails closed, naming the variable or file that is missing; the fallback only covers missing variables.</summary>
public sealed class IdentityFailClosedTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-azure-identity-");
    private readonly string _token;

    public IdentityFailClosedTests()
    {
        _token = Path.Combine(_dir.FullName, "azure-identity-token");
        File.WriteAllText(_token, "eyJ.header.sig");
    }

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("AZURE_CLIENT_ID")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_FEDERATED_TOKEN_FILE")]
    public void A_missing_variable_is_named(string variable)
    {
        Dictionary<string, string> env = Webhook();
        env.Remove(variable);

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => Resolve(new AzureKeyVaultOptions(), env));

        Assert.StartsWith($"Azure identity 'workload-identity': {variable} is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_file_that_does_not_exist_is_named()
    {
        Dictionary<string, string> env = Webhook();
        string missing = Path.Combine(_dir.FullName, "gone");
        env["AZURE_FEDERATED_TOKEN_FILE"] = missing;

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => Resolve(new AzureKeyVaultOptions(), env));

        Assert.Equal($"Azure identity 'workload-identity': token file {missing} (AZURE_FEDERATED_TOKEN_FILE) does not exist", error.Message);
    }

    [Fact]
    public void The_token_path_comes_from_the_variable_unless_tokenFile_overrides_it()
    {
        string other = Path.Combine(_dir.FullName, "other-token");
        File.WriteAllText(other, "eyJ.other.sig");

        Assert.Contains($"token file {_token} ", Resolve(new AzureKeyVaultOptions(), Webhook()).Description, StringComparison.Ordinal);
        Assert.Contains($"token file {other} ", Resolve(new AzureKeyVaultOptions { TokenFile = other }, Webhook()).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Overrides_win_over_the_variables_and_the_description_names_them_all_but_no_token()
    {
        var options = new AzureKeyVaultOptions { ClientId = "client-b", TenantId = "tenant-b", AuthorityHost = new Uri("https://login.example.test/") };

        ResolvedAzureIdentity identity = Resolve(options, Webhook());

        Assert.Equal($"identity workload-identity client client-b tenant tenant-b token file {_token} authority https://login.example.test/", identity.Description);
        Assert.DoesNotContain("eyJ", identity.Description, StringComparison.Ordinal);
        Assert.False(identity.Loopback);
    }

    [Fact]
    public void Instance_discovery_is_off_only_for_a_loopback_authority()
    {
        Dictionary<string, string> env = Webhook();
        Assert.False(Resolve(new AzureKeyVaultOptions(), env).Loopback);

        env["AZURE_AUTHORITY_HOST"] = "https://127.0.0.1:8443/";
        Assert.True(Resolve(new AzureKeyVaultOptions(), env).Loopback);
    }

    [Fact]
    public void A_plain_http_authority_to_a_remote_host_is_refused()
    {
        Dictionary<string, string> env = Webhook();
        env["AZURE_AUTHORITY_HOST"] = "http://login.example.test/";

        ArgumentException error = Assert.Throws<ArgumentException>(() => Resolve(new AzureKeyVaultOptions(), env));

        Assert.Contains("AZURE_AUTHORITY_HOST must use https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowFallback_uses_the_managed_identity_when_the_variables_are_missing_and_says_why()
    {
        ResolvedAzureIdentity identity = Resolve(new AzureKeyVaultOptions { AllowFallback = true }, []);

        Assert.Equal("identity managed-identity system-assigned (allowFallback: AZURE_CLIENT_ID is not set (nor clientId in the config))", identity.Description);
        Assert.IsType<global::Azure.Identity.ManagedIdentityCredential>(identity.Credential);
    }

    [Fact]
    public void AllowFallback_does_not_cover_a_named_token_file_that_is_missing()
    {
        Dictionary<string, string> env = Webhook();
        env["AZURE_FEDERATED_TOKEN_FILE"] = Path.Combine(_dir.FullName, "gone");

        Assert.Throws<InvalidOperationException>(() => Resolve(new AzureKeyVaultOptions { AllowFallback = true }, env));
    }

    [Fact]
    public void The_backend_type_turns_a_missing_token_file_into_a_setup_error_naming_it()
    {
        string missing = Path.Combine(_dir.FullName, "gone");
        var options = new AzureKeyVaultOptions { VaultUri = new Uri("https://myvault.vault.azure.net/"), ClientId = "c", TenantId = "t", TokenFile = missing };

        SecretBackendSetupException error = Assert.Throws<SecretBackendSetupException>(
            () => AzureKeyVaultBackendType.Instance.Create(options, new SecretBackendContext { Name = "kv" }));

        Assert.Contains($"token file {missing} (tokenFile in the config) does not exist", error.Message, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Webhook() => new(StringComparer.Ordinal)
    {
        ["AZURE_CLIENT_ID"] = "client-a",
        ["AZURE_TENANT_ID"] = "tenant-a",
        ["AZURE_FEDERATED_TOKEN_FILE"] = _token,
        ["AZURE_AUTHORITY_HOST"] = "https://login.microsoftonline.com/",
    };

    private static ResolvedAzureIdentity Resolve(AzureKeyVaultOptions options, Dictionary<string, string> env)
    {
        using var http = new HttpClient();
        return new AzureIdentityResolver(options, name => env.GetValueOrDefault(name), new HttpClientTransport(http)).Resolve();
    }
}
