using System.Text.Json.Serialization;

namespace SecretBroker.Emulators;

/// <summary>The contents of <c>&lt;state-dir&gt;/endpoints.json</c> (CONTRACT.md, "Local cloud").</summary>
public sealed record Endpoints
{
    [JsonPropertyName("oidcIssuer")] public required string OidcIssuer { get; init; }
    [JsonPropertyName("sts")] public required string Sts { get; init; }
    [JsonPropertyName("secretsManager")] public required string SecretsManager { get; init; }
    [JsonPropertyName("podIdentity")] public required string PodIdentity { get; init; }
    [JsonPropertyName("podIdentityCredentialsUri")] public required string PodIdentityCredentialsUri { get; init; }
    [JsonPropertyName("admin")] public required string Admin { get; init; }

    /// <summary>The S3 emulator (path-style: <c>&lt;s3&gt;/&lt;bucket&gt;/&lt;key&gt;</c>).</summary>
    [JsonPropertyName("s3")] public required string S3 { get; init; }

    /// <summary>The Hub's base URL (<c>HF_ENDPOINT</c>, a <c>huggingface-oidc</c> backend's <c>endpoint</c>): <c>/oauth/token</c>.</summary>
    [JsonPropertyName("huggingFace")] public required string HuggingFace { get; init; }

    /// <summary>Entra's authority host (<c>AZURE_AUTHORITY_HOST</c>), HTTPS: <c>/{tenant}/oauth2/v2.0/token</c>.</summary>
    [JsonPropertyName("entraAuthorityHost")] public required string EntraAuthorityHost { get; init; }

    /// <summary>The Key Vault's URI (a <c>vaultUri</c>), HTTPS.</summary>
    [JsonPropertyName("keyVault")] public required string KeyVault { get; init; }

    /// <summary>The Vault server's address (<c>VAULT_ADDR</c>): HTTPS with <c>--tls</c>, else plain HTTP on loopback.</summary>
    [JsonPropertyName("vault")] public required string Vault { get; init; }

    /// <summary>The Entra tenant (<c>AZURE_TENANT_ID</c>).</summary>
    [JsonPropertyName("azureTenantId")] public required string AzureTenantId { get; init; }

    /// <summary>The app registration the pod federates into (<c>AZURE_CLIENT_ID</c>).</summary>
    [JsonPropertyName("azureClientId")] public required string AzureClientId { get; init; }

    /// <summary>
    /// The PEM file of the CA that signed the HTTPS listeners' certificate: Entra and Key Vault always, the AWS
    /// services and the Hub with <c>--tls</c>.
    /// </summary>
    [JsonPropertyName("caCertificate")] public string? CaCertificate { get; init; }

    [JsonPropertyName("region")] public required string Region { get; init; }
    [JsonPropertyName("accountId")] public required string AccountId { get; init; }
    [JsonPropertyName("roleArn")] public required string RoleArn { get; init; }

    /// <summary>The role <see cref="RoleArn"/>'s sessions may chain into with AssumeRole (reads model-store buckets).</summary>
    [JsonPropertyName("modelStoreRoleArn")] public required string ModelStoreRoleArn { get; init; }

    /// <summary>Projected token files by name (<c>irsa</c>, <c>pod-identity</c>, <c>huggingface</c>, <c>azure</c>, <c>vault</c>): user-visible paths.</summary>
    [JsonPropertyName("tokenFiles")] public required IReadOnlyDictionary<string, string> TokenFiles { get; init; }
}
