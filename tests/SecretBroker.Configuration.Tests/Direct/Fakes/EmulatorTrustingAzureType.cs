using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

using SecretBroker.Azure;
using SecretBroker.Backends;

namespace SecretBroker.Configuration.Tests.Direct.Fakes;

/// <summary>
/// <c>azure-key-vault</c> exactly as the package defines it (keys, validation, per-secret rules), building the
/// backend through its test seam with a handler that trusts the emulators' CA and an empty environment.
/// </summary>
internal sealed class EmulatorTrustingAzureType(string caPath) : SecretBackendType<AzureKeyVaultOptions>
{
    public override string TypeName => AzureKeyVaultBackendType.Instance.TypeName;

    public override SecretBackendSettingMap<AzureKeyVaultOptions> Settings => AzureKeyVaultBackendType.Instance.Settings;

    public override SecretBackendOptionsValidator<AzureKeyVaultOptions> Validator => AzureKeyVaultBackendType.Instance.Validator;

    public override IEnumerable<SecretBackendSettingProblem> SecretProblems(SecretDefinition secret) => AzureKeyVaultBackendType.Instance.SecretProblems(secret);

    public override ISecretBackend Create(AzureKeyVaultOptions options, SecretBackendContext context) =>
        new AzureKeyVaultBackend(options, static _ => null, Trusting(caPath), TimeProvider.System, credential: null);

    private static SocketsHttpHandler Trusting(string caPath) => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { X509Certificate2.CreateFromPem(File.ReadAllText(caPath)) },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    };
}
