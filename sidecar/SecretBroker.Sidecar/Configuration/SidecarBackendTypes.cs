using SecretBroker.Aws;
using SecretBroker.Azure;
using SecretBroker.Backends;
using SecretBroker.HuggingFace;
using SecretBroker.Vault;
using SecretBroker.Sidecar.Flavors;

namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// The backend types this sidecar build knows: one line per type. Everything else about a type (its keys, validation,
/// how it is built and described for <c>check</c>) lives in its package, shared with <c>AddSecretBroker</c>.
/// </summary>
internal static class SidecarBackendTypes
{
    /// <summary>A fresh catalog for this binary's flavour (catalogs are mutable; each reader gets its own).</summary>
    public static SecretBackendCatalog Create() => Create(SidecarFlavor.Current);

    /// <summary>
    /// A fresh catalog for <paramref name="flavor"/>. Each guard reads the feature switch first: in a flavour's AOT
    /// publish it is a constant false, so the type (and its SDK) is not compiled in; tests pass a flavour to compose one
    /// in the JIT build. A type the flavour lacks is named, with the flavours that have it.
    /// </summary>
    public static SecretBackendCatalog Create(SidecarFlavor flavor)
    {
        SecretBackendCatalog catalog = new();
        if (SidecarFeatures.Aws && flavor.HasAws)
        {
            catalog.Add(AwsSecretsManagerBackendType.Instance);
        }
        else
        {
            catalog.AddAbsent("aws-secrets-manager", FlavorMessages.BackendAdvice(flavor, SidecarFlavor.Having(static f => f.HasAws)));
        }

        if (SidecarFeatures.Azure && flavor.HasAzure)
        {
            catalog.Add(AzureKeyVaultBackendType.Instance);
        }
        else
        {
            catalog.AddAbsent("azure-key-vault", FlavorMessages.BackendAdvice(flavor, SidecarFlavor.Having(static f => f.HasAzure)));
        }

        if (SidecarFeatures.Vault && flavor.HasVault)
        {
            catalog.Add(VaultBackendType.Instance);
        }
        else
        {
            catalog.AddAbsent("vault", FlavorMessages.BackendAdvice(flavor, SidecarFlavor.Having(static f => f.HasVault)));
        }

        if (SidecarFeatures.HuggingFace && flavor.HasHuggingFace)
        {
            catalog.Add(HuggingFaceOidcBackendType.Instance);
        }
        else
        {
            catalog.AddAbsent("huggingface-oidc", FlavorMessages.BackendAdvice(flavor, SidecarFlavor.Having(static f => f.HasHuggingFace)));
        }

        return catalog;
    }
}
