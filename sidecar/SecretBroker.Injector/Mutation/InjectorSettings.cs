namespace SecretBroker.Injector.Mutation;

/// <summary>What the injector puts into every pod, fixed at start.</summary>
/// <param name="SidecarImage">The secretbroker image (pin a digest in production).</param>
/// <param name="TokenAudience">The audience of the projected service-account token the sidecar gets.</param>
/// <param name="Backends">The backends generated configs may reference.</param>
/// <param name="AzureAuthorityHost">
/// The Entra authority given to the sidecar of a pod labelled for Azure workload identity when the Azure webhook has
/// not set <c>AZURE_AUTHORITY_HOST</c> yet (<c>--azure-authority-host</c>; sovereign clouds have their own).
/// </param>
internal sealed record InjectorSettings(string SidecarImage, string TokenAudience, BackendCatalog Backends, string AzureAuthorityHost = InjectorSettings.DefaultAzureAuthorityHost)
{
    public const string DefaultTokenAudience = "secretbroker";

    /// <summary>The public cloud's authority, as the Azure webhook sets it there.</summary>
    public const string DefaultAzureAuthorityHost = "https://login.microsoftonline.com/";

    /// <summary>The projected token's lifetime; the kubelet rotates it at 80 %.</summary>
    public const long TokenExpirationSeconds = 3600;

    /// <summary>
    /// Whether a pod asking the Vault Agent injector for an agent (<c>vault.hashicorp.com/agent-inject</c>, or
    /// OpenBao's <c>openbao.org/</c>) gets the secretbroker sidecar instead, configured from those annotations
    /// (<c>--vault-annotations</c>; off by default, when Vault annotations are ignored).
    /// </summary>
    public bool HonorVaultAnnotations { get; init; }

    /// <summary>The cluster's Vault (<c>--vault-address</c>), for pods without a <c>service</c> annotation; null: none.</summary>
    public string? VaultAddress { get; init; }
}
