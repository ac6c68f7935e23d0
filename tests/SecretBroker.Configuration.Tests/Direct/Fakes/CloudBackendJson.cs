using SecretBroker.Emulators;

namespace SecretBroker.Configuration.Tests.Direct.Fakes;

/// <summary>
/// The appsettings JSON object of a backend that reaches the local cloud, to stand under <c>backends</c> in a section:
/// everything but the secrets, which each test names itself.
/// </summary>
internal static class CloudBackendJson
{
    /// <summary><c>vault</c> with a Kubernetes login as role <c>sidecar</c> (nested <c>auth</c>).</summary>
    public static string Vault(LocalCloud cloud) => $$"""
        {
          "type": "vault",
          "address": "{{cloud.VaultUrl}}",
          "auth": { "method": "kubernetes", "role": "sidecar", "tokenFile": "{{cloud.VaultToken.Path}}" }
        }
        """;

    /// <summary><c>azure-key-vault</c> with workload identity against the Entra emulator.</summary>
    public static string AzureKeyVault(LocalCloud cloud) => $$"""
        {
          "type": "azure-key-vault",
          "vaultUri": "{{cloud.KeyVaultUrl}}",
          "clientId": "{{cloud.Options.Entra.ClientId}}",
          "tenantId": "{{cloud.Options.Entra.TenantId}}",
          "tokenFile": "{{cloud.Azure.Token.Path}}",
          "authorityHost": "{{cloud.EntraUrl}}"
        }
        """;
}
