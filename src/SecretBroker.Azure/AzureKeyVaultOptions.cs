namespace SecretBroker.Azure;

/// <summary>Configuration of one <see cref="AzureKeyVaultBackend"/>. Validated when the backend is created.</summary>
public sealed class AzureKeyVaultOptions
{
    /// <summary>
    /// The vault, e.g. <c>https://myvault.vault.azure.net/</c>. Required; <c>https</c> (plain http only to a loopback
    /// host), no path, no query.
    /// </summary>
    public Uri? VaultUri { get; set; }

    /// <summary>How to authenticate; <see cref="AzureIdentityMode.WorkloadIdentity"/> (the only mode) by default.</summary>
    public AzureIdentityMode Identity { get; set; } = AzureIdentityMode.WorkloadIdentity;

    /// <summary>The application (client) id; overrides <c>AZURE_CLIENT_ID</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>The directory (tenant) id; overrides <c>AZURE_TENANT_ID</c>.</summary>
    public string? TenantId { get; set; }

    /// <summary>Absolute path of the projected service-account token; overrides <c>AZURE_FEDERATED_TOKEN_FILE</c>.</summary>
    public string? TokenFile { get; set; }

    /// <summary>The Entra authority host; overrides <c>AZURE_AUTHORITY_HOST</c> (else <c>https://login.microsoftonline.com/</c>).</summary>
    public Uri? AuthorityHost { get; set; }

    /// <summary>
    /// When workload identity's variables are missing, use the managed identity (IMDS) instead of failing.
    /// <see langword="false"/> by default: fail closed. A named token file that does not exist fails either way.
    /// </summary>
    public bool AllowFallback { get; set; }

    /// <summary>Per-secret GETs (default) or the listing probe; see <see cref="AzureRefreshMode"/>.</summary>
    public AzureRefreshMode RefreshMode { get; set; } = AzureRefreshMode.Get;

    /// <summary>Timeout of one Key Vault or Entra HTTP call (10 s by default, 1 s to 10 min); a timeout is a transient failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
