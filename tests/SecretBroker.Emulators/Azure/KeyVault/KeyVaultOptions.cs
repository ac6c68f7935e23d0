namespace SecretBroker.Emulators.Azure.KeyVault;

/// <summary>How the Key Vault emulator pages and throttles (changeable at run time through the admin API).</summary>
public sealed class KeyVaultOptions
{
    /// <summary>Transactions allowed per <see cref="ThrottleWindow"/> (Key Vault's documented limit: 4,000 per 10 s per vault).</summary>
    public int TransactionLimit { get; set; } = 4000;

    /// <summary>The sliding window the limit applies to. Default 10 s, as documented.</summary>
    public TimeSpan ThrottleWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Items per list page when the request has no <c>maxresults</c> (the service's default, 25). Tests set it low to page.</summary>
    public int DefaultPageSize { get; set; } = 25;

    /// <summary>
    /// Refuse a get of a version whose <c>exp</c> has passed or whose <c>nbf</c> is ahead (403, <c>SecretExpired</c> /
    /// <c>SecretNotYetValid</c>), as the documentation describes. Off by default: the live service serves such a
    /// version with 200 and the attributes (Azure/AzureKeyVault#19), so a reader must look at them itself.
    /// </summary>
    public bool EnforceValidityPeriod { get; set; }
}
