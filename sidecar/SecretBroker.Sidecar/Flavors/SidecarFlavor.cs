namespace SecretBroker.Sidecar.Flavors;

/// <summary>
/// What one build of the sidecar includes. <see cref="Current"/> is this binary's (from <see cref="SidecarFeatures"/>);
/// the others exist so messages can say which flavour has what this one lacks, and so tests can compose any flavour
/// in the JIT build. A flavour keeps the full contract of what it includes and refuses the rest at config time.
/// </summary>
internal sealed record SidecarFlavor(string Name, bool HasAws, bool HasAzure, bool HasVault, bool HasHuggingFace, bool HasListeners)
{
    /// <summary>The file backend and the files output: the smallest sidecar.</summary>
    public static readonly SidecarFlavor Files = new("files", HasAws: false, HasAzure: false, HasVault: false, HasHuggingFace: false, HasListeners: false);

    /// <summary>Adds <c>aws-secrets-manager</c>, <c>credentials:</c>, the socket API and the loopback listener.</summary>
    public static readonly SidecarFlavor Aws = new("aws", HasAws: true, HasAzure: false, HasVault: false, HasHuggingFace: false, HasListeners: true);

    /// <summary>Adds <c>azure-key-vault</c>, the socket API and the loopback listener (no AWS SDK, no <c>credentials:</c>).</summary>
    public static readonly SidecarFlavor Azure = new("azure", HasAws: false, HasAzure: true, HasVault: false, HasHuggingFace: false, HasListeners: true);

    /// <summary>Adds <c>vault</c> (HashiCorp Vault / OpenBao), the socket API and the loopback listener (no cloud SDK).</summary>
    public static readonly SidecarFlavor Vault = new("vault", HasAws: false, HasAzure: false, HasVault: true, HasHuggingFace: false, HasListeners: true);

    /// <summary>Everything: the one all-in-one build (the default).</summary>
    public static readonly SidecarFlavor All = new("all", HasAws: true, HasAzure: true, HasVault: true, HasHuggingFace: true, HasListeners: true);

    /// <summary>Every flavour, smallest first (the order messages name them in).</summary>
    public static IReadOnlyList<SidecarFlavor> Known { get; } = [Files, Aws, Azure, Vault, All];

    /// <summary>This binary's flavour.</summary>
    public static SidecarFlavor Current { get; } = new(SidecarFeatures.FlavorName, SidecarFeatures.Aws, SidecarFeatures.Azure, SidecarFeatures.Vault, SidecarFeatures.HuggingFace, SidecarFeatures.Listeners);

    /// <summary>The flavours that include what <paramref name="includes"/> selects, for "use the 'aws' or 'all' flavour".</summary>
    public static IReadOnlyList<string> Having(Func<SidecarFlavor, bool> includes) =>
        [.. Known.Where(includes).Select(static flavor => flavor.Name)];
}
