using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SecretBroker.Emulators.Tests.Infrastructure;

/// <summary>A raw HTTPS client that trusts only the run's CA (full validation otherwise), for wire-level checks.</summary>
internal static class LocalCaHttp
{
    public static HttpClient Create(LocalCloud cloud, string? bearer = null)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(cloud.CaCertificatePath));
        var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { ca },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            },
        });
        if (bearer is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return http;
    }

    /// <summary>A valid Key Vault bearer token from the emulated Entra (its tenant, its client, 1 h).</summary>
    public static string VaultToken(LocalCloud cloud) =>
        cloud.Azure.AccessTokens.Mint(cloud.Options.Entra.TenantId, cloud.Options.Entra.ClientId, "https://vault.azure.net", TimeSpan.FromHours(1));
}
