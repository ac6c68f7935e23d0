namespace SecretBroker.Emulators.Hosting;

/// <summary>Which emulator a listener serves; each has its own loopback port.</summary>
internal enum ServiceKind
{
    Oidc,
    Sts,
    SecretsManager,
    PodIdentity,
    Admin,
    S3,
    HuggingFace,
    Entra,
    KeyVault,
    Vault,
}
