namespace SecretBroker.Azure.Internal;

/// <summary>Messages about an <c>azure-key-vault</c> backend's settings and secrets (the problem part of <c>FILE:LINE: key: problem</c>).</summary>
internal static class AzureSettingMessages
{
    public const string Required = "is required";

    public const string VaultNotHttps = "must use https (plain http is accepted only for loopback hosts: 127.0.0.0/8, ::1, localhost)";

    public const string VaultHasPath = "must be the vault's root (e.g. https://myvault.vault.azure.net/): no path, query or fragment";

    public const string AuthorityNotHttps = "must use https (plain http is accepted only for loopback hosts)";

    public const string TokenFileNotAbsolute = "must be an absolute path";

    public const string UnknownIdentity = "is not an identity mode; use workload-identity";

    public static string TimeoutOutOfRange(TimeSpan value) => $"'{value}' is out of range (1s to 10m)";

    public static string NotASecretName(string id) => $"'{id}' is not a Key Vault secret name (1 to 127 of 0-9, a-z, A-Z and -)";

    public static string NotAVersion(string version) => $"'{version}' is not a Key Vault secret version (32 hexadecimal characters)";
}
