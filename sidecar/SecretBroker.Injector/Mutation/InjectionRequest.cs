namespace SecretBroker.Injector.Mutation;

/// <summary>What a pod's <c>secretbroker.io/</c> annotations ask for, once they are known to be valid.</summary>
/// <param name="ConfigMapName">The <c>config:</c> ConfigMap (same namespace), or null when the config is generated.</param>
/// <param name="Secrets">The <c>secret-&lt;name&gt;</c> references the generated config holds (empty with a ConfigMap).</param>
/// <param name="Containers">The <c>containers:</c> selection, or null for every container.</param>
internal sealed record InjectionRequest(string? ConfigMapName, IReadOnlyList<SecretReference> Secrets, IReadOnlyList<string>? Containers)
{
    /// <summary>True when a Hugging Face token is delivered, so consumers get <c>HF_TOKEN_PATH</c> and <c>HF_HOME</c>.</summary>
    public bool HasHuggingFaceToken => Secrets.Any(static s => s.Name == InjectorLayout.HuggingFaceSecretName);
}
