using SecretBroker.Aws;
using SecretBroker.Backends;
using SecretBroker.HuggingFace;

namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// The backend types this sidecar build knows: one line per type. Everything else about a type (its keys, validation,
/// how it is built and described for <c>check</c>) lives in its package, shared with <c>AddSecretBroker</c>.
/// </summary>
internal static class SidecarBackendTypes
{
    /// <summary>A fresh catalog (catalogs are mutable; each reader gets its own).</summary>
    public static SecretBackendCatalog Create() => new SecretBackendCatalog()
        .Add(AwsSecretsManagerBackendType.Instance)
        .Add(HuggingFaceOidcBackendType.Instance)
        .AddAbsent("azure-key-vault", advice: null)
        .AddAbsent("vault", advice: null);
}
