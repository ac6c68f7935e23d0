using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SecretBroker.Vault.Internal;

/// <summary>
/// The HTTP handler of one backend: the system roots plus, when <c>caFile</c> is set, that bundle's certificates as extra
/// roots for this backend only. Validation is never disabled: a name mismatch or an untrusted chain still fails.
/// </summary>
internal static class VaultTls
{
    public static SocketsHttpHandler Handler(string? caFile, TimeSpan connectTimeout)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
        };
        if (caFile is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(caFile);
            if (roots.Count == 0)
            {
                throw new System.Security.Cryptography.CryptographicException("The CA bundle holds no certificate.");
            }
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(roots, certificate, chain, errors);
        }

        return handler;
    }

    /// <summary>Accepts what the system accepts, or a chain that only failed for want of a root the bundle holds.</summary>
    internal static bool Validate(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is not X509Certificate2 leaf)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (X509ChainElement element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(leaf);
    }
}
