using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace SecretBroker.Emulators.Tests.Infrastructure;

/// <summary>
/// Azure's official .NET clients pointed at the emulators with only what a user sets: the authority host, the
/// token file, tenant and client ids, <c>DisableInstanceDiscovery</c>, <c>DisableChallengeResourceVerification</c>,
/// and trust in the run's CA (per client, with full validation — what <c>SSL_CERT_FILE</c> gives a process).
/// </summary>
internal sealed class AzureClients : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly HttpClient _http;

    public AzureClients(LocalCloud cloud, string? tokenFile = null, string? clientId = null, int maxRetries = 0)
    {
        _ca = X509Certificate2.CreateFromPem(File.ReadAllText(cloud.CaCertificatePath));
        _http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { _ca },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            },
        });
        var transport = new HttpClientTransport(_http);
        Credential = new WorkloadIdentityCredential(new WorkloadIdentityCredentialOptions
        {
            AuthorityHost = cloud.EntraUrl,
            TenantId = cloud.Options.Entra.TenantId,
            ClientId = clientId ?? cloud.Options.Entra.ClientId,
            TokenFilePath = tokenFile ?? cloud.Azure.Token.Path,
            DisableInstanceDiscovery = true,
            Transport = transport,
            Retry = { MaxRetries = 0 },
        });
        var options = new SecretClientOptions { DisableChallengeResourceVerification = true, Transport = transport };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        Secrets = new SecretClient(cloud.KeyVaultUrl, Credential, options);
    }

    public WorkloadIdentityCredential Credential { get; }

    public SecretClient Secrets { get; }

    /// <summary>An access token for Key Vault, straight from the credential.</summary>
    public async Task<AccessToken> VaultTokenAsync() =>
        await Credential.GetTokenAsync(new TokenRequestContext(["https://vault.azure.net/.default"]), CancellationToken.None);

    public void Dispose()
    {
        _http.Dispose();
        _ca.Dispose();
    }
}
