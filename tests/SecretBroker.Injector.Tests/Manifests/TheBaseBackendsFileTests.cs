using SecretBroker.Deploy.Tests.Infrastructure;
using SecretBroker.Injector.Mutation;

namespace SecretBroker.Injector.Tests.Manifests;

/// <summary>
/// The injector base's backends.yaml is read as the injector reads it, and a pod naming one backend gets that one only:
/// a Key Vault example there never reaches a pod that reads Secrets Manager (nor a sidecar flavour without Azure).
/// </summary>
public sealed class TheBaseBackendsFileTests
{
    private static readonly string File = Path.Combine(RepositoryPaths.Deploy, "injector", "base", "backends.yaml");

    [Fact]
    public void It_offers_secrets_manager_and_key_vault()
    {
        BackendCatalog catalog = BackendCatalog.Parse(System.IO.File.ReadAllText(File), File);

        Assert.True(catalog.Contains("models"));
        Assert.True(catalog.Contains("kv"));
    }

    [Fact]
    public void Each_backend_is_copied_alone_and_as_written()
    {
        BackendCatalog catalog = BackendCatalog.Parse(System.IO.File.ReadAllText(File), File);

        string kv = catalog.YamlFor(["kv"]);
        string models = catalog.YamlFor(["models"]);

        Assert.Contains("  kv:\n    type: azure-key-vault\n    vaultUri: https://myvault.vault.azure.net/\n    identity: workload-identity\n", kv, StringComparison.Ordinal);
        Assert.DoesNotContain("aws-secrets-manager", kv, StringComparison.Ordinal);
        Assert.Equal("backends:\n  models:\n    type: aws-secrets-manager\n    region: us-west-2\n", models);
    }
}
