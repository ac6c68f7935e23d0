using SecretBroker.Sidecar.Conversion;

namespace SecretBroker.Injector.Mutation;

/// <summary>What a pod's <c>secretbroker.io/</c> annotations ask for, once they are known to be valid.</summary>
/// <param name="ConfigMapName">The <c>config:</c> ConfigMap (same namespace), or null when the config is generated.</param>
/// <param name="Secrets">The <c>secret-&lt;name&gt;</c> references the generated config holds (empty with a ConfigMap).</param>
/// <param name="Containers">The <c>containers:</c> selection, or null for every container.</param>
internal sealed record InjectionRequest(string? ConfigMapName, IReadOnlyList<SecretReference> Secrets, IReadOnlyList<string>? Containers)
{
    /// <summary>The pod's Vault Agent annotations, converted (<c>--vault-annotations</c>); null for <c>secretbroker.io/</c> pods.</summary>
    public VaultConversion? Vault { get; init; }

    /// <summary>The annotation <see cref="Containers"/> came from, for denials.</summary>
    public string ContainersAnnotation { get; init; } = InjectorLayout.AnnotationPrefix + "containers";

    /// <summary>Where the app containers find the files.</summary>
    public string SecretsDirectory => Vault?.Dir ?? InjectorLayout.SecretsDirectory;

    /// <summary>True when secretbroker runs once as an init container (<c>agent-pre-populate-only</c>): no sidecar, no socket.</summary>
    public bool InitOnly => Vault?.PrePopulateOnly == true;

    /// <summary>True when a Hugging Face token is delivered, so consumers get <c>HF_TOKEN_PATH</c> and <c>HF_HOME</c>.</summary>
    public bool HasHuggingFaceToken => Secrets.Any(static s => s.Name == InjectorLayout.HuggingFaceSecretName);
}
