namespace SecretBroker.Injector.Mutation;

/// <summary>What the injector puts into every pod, fixed at start.</summary>
/// <param name="SidecarImage">The secretbroker image (pin a digest in production).</param>
/// <param name="TokenAudience">The audience of the projected service-account token the sidecar gets.</param>
/// <param name="Backends">The backends generated configs may reference.</param>
internal sealed record InjectorSettings(string SidecarImage, string TokenAudience, BackendCatalog Backends)
{
    public const string DefaultTokenAudience = "secretbroker";

    /// <summary>The projected token's lifetime; the kubelet rotates it at 80 %.</summary>
    public const long TokenExpirationSeconds = 3600;
}
