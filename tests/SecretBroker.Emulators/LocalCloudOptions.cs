using SecretBroker.Emulators.Azure.Entra;
using SecretBroker.Emulators.Azure.KeyVault;
using SecretBroker.Emulators.HuggingFace;
using SecretBroker.Emulators.Oidc;
using SecretBroker.Emulators.PodIdentity;
using SecretBroker.Emulators.Sts;

namespace SecretBroker.Emulators;

/// <summary>Everything the local cloud can be told at start; defaults are a working IRSA + Pod Identity setup.</summary>
public sealed class LocalCloudOptions
{
    /// <summary>Where token files and <c>endpoints.json</c> go. Required.</summary>
    public string StateDirectory { get; set; } = string.Empty;

    /// <summary>The clock every emulator decides by (token and session expiry, SigV4 skew). Tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public string Region { get; set; } = "us-west-2";

    public string AccountId { get; set; } = "111122223333";

    /// <summary>The IRSA role; trusted for <see cref="IrsaToken"/>'s subject unless <see cref="StsOptions.RoleTrust"/> is filled in.</summary>
    public string RoleArn { get; set; } = "arn:aws:iam::111122223333:role/broker";

    /// <summary>
    /// The model-store role the broker's role may chain into with <c>AssumeRole</c> (trusted by default unless
    /// <see cref="StsOptions.AssumeRoleTrust"/> is set): what a <c>credentials:</c> entry of type <c>aws-assume-role</c> names.
    /// </summary>
    public string ModelStoreRoleArn { get; set; } = "arn:aws:iam::111122223333:role/weights-reader";

    public StsOptions Sts { get; } = new();

    public PodIdentityOptions PodIdentity { get; } = new();

    /// <summary>The Hub's token exchange; its trust defaults to <see cref="HuggingFaceToken"/>'s subject for <c>acme/llama-ft</c> and <c>acme</c>.</summary>
    public TokenExchangeOptions HuggingFace { get; } = new();

    /// <summary>The IRSA projected token (aud <c>sts.amazonaws.com</c>), kept at <c>&lt;state&gt;/tokens/irsa/token</c>.</summary>
    public ServiceAccountTokenRequest IrsaToken { get; set; } = new();

    /// <summary>The Pod Identity projected token, kept at <c>&lt;state&gt;/tokens/pod-identity/eks-pod-identity-token</c>.</summary>
    public ServiceAccountTokenRequest PodIdentityToken { get; set; } = new() { Audiences = ["pods.eks.amazonaws.com"] };

    /// <summary>The projected token for the Hub (aud <c>https://huggingface.co</c>), kept at <c>&lt;state&gt;/tokens/huggingface/token</c>.</summary>
    public ServiceAccountTokenRequest HuggingFaceToken { get; set; } = new() { Audiences = ["https://huggingface.co"] };

    /// <summary>
    /// The Entra tenant: tenant and client id, federated credentials (by default one for <see cref="AzureToken"/>'s
    /// subject from the local issuer, audience <c>api://AzureADTokenExchange</c>), access-token lifetime.
    /// </summary>
    public EntraOptions Entra { get; } = new();

    /// <summary>The Key Vault: throttle (default 4,000 transactions per 10 s), page size, validity-period enforcement.</summary>
    public KeyVaultOptions KeyVault { get; } = new();

    /// <summary>
    /// The Azure workload identity token (aud <c>api://AzureADTokenExchange</c>), kept at
    /// <c>&lt;state&gt;/tokens/azure/azure-identity-token</c> as the AKS webhook projects it.
    /// </summary>
    public ServiceAccountTokenRequest AzureToken { get; set; } = new() { Audiences = [EntraOptions.AssertionAudience] };

    /// <summary>The Vault server: kubernetes/jwt auth roles, dynamic-secret roles, mount names.</summary>
    public Vault.VaultOptions Vault { get; } = new();

    /// <summary>
    /// The projected token a pod presents to Vault's kubernetes/jwt login (aud <c>vault</c>), kept at
    /// <c>&lt;state&gt;/tokens/vault/token</c>.
    /// </summary>
    public ServiceAccountTokenRequest VaultToken { get; set; } = new() { Audiences = [SecretBroker.Emulators.Vault.VaultOptions.DefaultAudience] };

    /// <summary>Fixed ports (0 = OS-assigned, the default). Always bound on 127.0.0.1.</summary>
    public int OidcPort { get; set; }
    public int StsPort { get; set; }
    public int SecretsManagerPort { get; set; }
    public int PodIdentityPort { get; set; }
    public int AdminPort { get; set; }
    public int S3Port { get; set; }
    public int HuggingFacePort { get; set; }
    public int EntraPort { get; set; }
    public int KeyVaultPort { get; set; }
    public int VaultPort { get; set; }

    /// <summary>
    /// Serve STS, Secrets Manager, S3, the Hub and Vault over HTTPS with a certificate signed by a CA made for this run
    /// (<see cref="LocalCloud.CaCertificatePath"/>, <c>caCertificate</c> in <c>endpoints.json</c>): what a client's TLS
    /// costs and whether it validates. Off by default (the SDKs accept plain http to loopback). Entra and Key Vault are
    /// HTTPS whatever this says (the Azure SDKs refuse anything else), so the CA is made on every run.
    /// </summary>
    public bool Tls { get; set; }

    /// <summary>Log one line per request through the host's logging (the standalone entry point turns it on).</summary>
    public bool LogRequests { get; set; }
}
