using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecretBroker.Injector.Tests.Infrastructure;

/// <summary>A temporary directory holding a PEM certificate and key pair, rewritten in place like a rotated Secret.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("secretbroker-injector-tls-");

    public string CertificateFile => Path.Combine(_directory.FullName, "tls.crt");

    public string KeyFile => Path.Combine(_directory.FullName, "tls.key");

    /// <summary>Writes a new self-signed pair for <c>localhost</c>/127.0.0.1 and returns its certificate's thumbprint.</summary>
    public string WriteNew(string subject = "CN=secretbroker-injector.secretbroker.svc")
    {
        (string certificate, string key, string thumbprint) = Create(subject);
        File.WriteAllText(CertificateFile, certificate);
        File.WriteAllText(KeyFile, key);
        return thumbprint;
    }

    /// <summary>A new pair without writing it (to stage a half-finished rotation).</summary>
    public static (string CertificatePem, string KeyPem, string Thumbprint) Create(string subject)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest request = new(subject, key, HashAlgorithmName.SHA256);
        SubjectAlternativeNameBuilder names = new();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), certificate.Thumbprint);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
