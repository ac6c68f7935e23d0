using SecretBroker.Backends;

namespace SecretBroker.Configuration.Internal;

/// <summary>
/// Backend types a section may name that live in other packages: a <c>type:</c> naming one that is not registered says
/// what to add rather than "unknown type".
/// </summary>
internal static class AbsentBackendTypes
{
    public static void Describe(SecretBackendCatalog catalog)
    {
        catalog.AddAbsent(
            "aws-secrets-manager",
            "reference the SecretBroker.Aws package and register it: AddSecretBroker(section, b => b.UseAwsSecretsManager())");
        catalog.AddAbsent(
            "azure-key-vault",
            "reference the SecretBroker.Azure package and register it: AddSecretBroker(section, b => b.UseAzureKeyVault())");
        catalog.AddAbsent(
            "huggingface-oidc",
            "reference the SecretBroker.HuggingFace package and register it: AddSecretBroker(section, b => b.UseHuggingFaceOidc())");
        catalog.AddAbsent(
            "vault",
            "reference the SecretBroker.Vault package and register it: AddSecretBroker(section, b => b.UseVault())");
    }
}
