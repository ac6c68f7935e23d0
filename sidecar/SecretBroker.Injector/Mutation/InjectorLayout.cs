namespace SecretBroker.Injector.Mutation;

/// <summary>
/// The names and paths the injector adds to a pod. They are what app containers and docs rely on, so they live in one
/// place; the paths match the kustomize base in <c>sidecar/deploy/</c>, so a ConfigMap written for the base works here.
/// </summary>
internal static class InjectorLayout
{
    public const string AnnotationPrefix = "secretbroker.io/";

    /// <summary>
    /// Where a generated config is kept: an annotation outside the <c>secretbroker.io/</c> keys a user writes (so the
    /// unknown-key check never trips over it), projected into the sidecar by a downward-API volume.
    /// </summary>
    public const string GeneratedConfigAnnotation = "injector.secretbroker.io/config";

    public const string SidecarName = "secretbroker";
    public const string SharedVolume = "secretbroker";
    public const string TokenVolume = "secretbroker-token";
    public const string ConfigVolume = "secretbroker-config";

    public const string SharedMountPath = "/var/run/secretbroker";
    public const string SecretsDirectory = SharedMountPath + "/secrets";
    public const string SocketPath = SharedMountPath + "/broker.sock";
    public const string TokenMountPath = "/var/run/secrets/secretbroker";
    public const string TokenFile = TokenMountPath + "/token";
    public const string ConfigMountPath = "/etc/secretbroker";
    public const string ConfigFileName = "secretbroker.yaml";
    public const string ConfigFile = ConfigMountPath + "/" + ConfigFileName;

    /// <summary>What a pod honoured for its Vault annotations gets besides: the files' volume, Vault's token, its TLS Secret.</summary>
    public const string VaultSecretsVolume = "secretbroker-vault-secrets";
    public const string VaultTokenVolume = "secretbroker-vault-token";
    public const string VaultTlsVolume = "secretbroker-vault-tls";

    /// <summary>The projected token for Vault's login, where the kustomize component <c>vault</c> mounts it too.</summary>
    public const string VaultTokenMountPath = "/var/run/secrets/vault";
    public const string VaultTokenFile = VaultTokenMountPath + "/token";
    public const string VaultTokenAudience = "vault";

    /// <summary>Where Vault Agent had its <c>tls-secret</c>, so a <c>ca-cert</c> path under it stays right.</summary>
    public const string VaultTlsMountPath = "/vault/tls";

    /// <summary>The image's user (distroless <c>nonroot</c>); readers verify the socket's server against it.</summary>
    public const long SidecarUid = 65532;

    /// <summary>The secret delivered with <c>profile: huggingface</c>, which also gets <c>HF_TOKEN_PATH</c>/<c>HF_HOME</c>.</summary>
    public const string HuggingFaceSecretName = "hf-token";

    /// <summary>What a re-invoked or re-submitted pod carries once injected (<c>inject-status</c>).</summary>
    public const string InjectedStatus = "injected";
}
