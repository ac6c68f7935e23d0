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

    /// <summary>The image's user (distroless <c>nonroot</c>); readers verify the socket's server against it.</summary>
    public const long SidecarUid = 65532;

    /// <summary>The secret delivered with <c>profile: huggingface</c>, which also gets <c>HF_TOKEN_PATH</c>/<c>HF_HOME</c>.</summary>
    public const string HuggingFaceSecretName = "hf-token";

    /// <summary>What a re-invoked or re-submitted pod carries once injected (<c>inject-status</c>).</summary>
    public const string InjectedStatus = "injected";
}
