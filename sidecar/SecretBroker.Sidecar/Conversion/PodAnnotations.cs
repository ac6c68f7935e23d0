namespace SecretBroker.Sidecar.Conversion;

/// <summary>The annotations of the pod a manifest describes (a Pod's own, or a workload's pod template's).</summary>
/// <param name="Source">What the manifest is, for comments and messages: <c>Deployment web</c>.</param>
/// <param name="Line">The line of the annotations mapping (or of the object that lacks one).</param>
/// <param name="Entries">Every annotation in document order, duplicates kept.</param>
internal sealed record PodAnnotations(string Source, int Line, IReadOnlyList<PodAnnotation> Entries)
{
    /// <summary>A workload whose own <c>metadata.annotations</c> (which the injector never reads) hold Vault annotations: a common slip.</summary>
    public bool WorkloadMetadataHasVaultAnnotations { get; init; }
}

/// <summary>One annotation with its line.</summary>
/// <param name="Key">The full key, e.g. <c>vault.hashicorp.com/role</c>.</param>
/// <param name="Value">The value (an explicit null reads as empty, as the API server stores it).</param>
/// <param name="Line">1-based line of the key.</param>
internal sealed record PodAnnotation(string Key, string Value, int Line);
