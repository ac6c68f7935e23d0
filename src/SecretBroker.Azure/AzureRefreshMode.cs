namespace SecretBroker.Azure;

/// <summary>How a refresh cycle reads Key Vault (the cost per cycle is in the package README).</summary>
public enum AzureRefreshMode
{
    /// <summary>One <c>GET /secrets/{name}</c> per secret and cycle; a pinned version already read costs nothing.</summary>
    Get,

    /// <summary>
    /// The paged listing <c>GET /secrets</c> (following <c>nextLink</c>) as the probe, then <c>GET /secrets/{name}</c>
    /// only for secrets whose <c>updated</c> time moved. Cheaper than <see cref="Get"/> when the vault holds few
    /// secrets beyond the ones read (25 a page).
    /// </summary>
    List,
}
