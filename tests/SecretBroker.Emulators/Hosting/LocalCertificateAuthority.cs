using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecretBroker.Emulators.Hosting;

/// <summary>
/// A certificate authority made for one run of the local cloud: a CA certificate written to
/// <c>&lt;state&gt;/ca.pem</c> (what clients trust through <c>SSL_CERT_FILE</c>, <c>AWS_CA_BUNDLE</c>,
/// <c>REQUESTS_CA_BUNDLE</c> or <c>NODE_EXTRA_CA_CERTS</c> — never by turning validation off) and one server
/// certificate it signed for <c>127.0.0.1</c>, <c>::1</c> and <c>localhost</c>, which the HTTPS listeners present.
/// The CA's private key never leaves memory. Both carry the extensions strict verifiers (OpenSSL 3 with
/// <c>X509_STRICT</c>, Python 3.13's default context) require: basic constraints, key usage, subject and authority key
/// identifiers, and the server-auth extended key usage.
/// </summary>
internal sealed class LocalCertificateAuthority : IDisposable
{
    private LocalCertificateAuthority(X509Certificate2 authority, X509Certificate2 server, string caPath)
    {
        Authority = authority;
        ServerCertificate = server;
        CaCertificatePath = caPath;
    }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The listeners' certificate, with its private key.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>Where the CA certificate was written, PEM.</summary>
    public string CaCertificatePath { get; }

    public static LocalCertificateAuthority Create(string stateDirectory)
    {
        // Clients check validity against the real clock whatever the emulators' TimeProvider says, so the real one
        // decides here; an hour of slack on both ends covers small skews.
        var now = TimeProvider.System.GetUtcNow();
        var notBefore = now.AddHours(-1);
        var notAfter = now.AddDays(7);
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN=SecretBroker local cloud CA {run}, O=SecretBroker tests", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        var caKeyId = new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false);
        caRequest.CertificateExtensions.Add(caKeyId);
        using var caWithKey = caRequest.CreateSelfSigned(notBefore, notAfter.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        serverRequest.CertificateExtensions.Add(names.Build(critical: false));
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        serverRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(serverRequest.PublicKey, critical: false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(caKeyId));
        using var signed = serverRequest.Create(caWithKey, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        var server = signed.CopyWithPrivateKey(serverKey);

        var caPath = Path.Combine(stateDirectory, "ca.pem");
        var temp = caPath + ".tmp";
        File.WriteAllText(temp, caWithKey.ExportCertificatePem() + "\n");
        File.Move(temp, caPath, overwrite: true);
        return new LocalCertificateAuthority(X509CertificateLoader.LoadCertificate(caWithKey.RawData), server, caPath);
    }

    public void Dispose()
    {
        Authority.Dispose();
        ServerCertificate.Dispose();
    }
}
