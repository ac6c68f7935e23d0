using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using SecretBroker.Injector.Diagnostics;

namespace SecretBroker.Injector.Hosting;

/// <summary>
/// The serving certificate, read from a PEM certificate and key file and re-read when they change (cert-manager and
/// the kubelet rotate a mounted Secret by swapping a <c>..data</c> symlink, which a file watcher misses). A timer on
/// <see cref="TimeProvider"/> compares the files' bytes with what was loaded: a few KiB, and unlike an mtime it cannot
/// be fooled by the symlink swap. A pair that does not load (the certificate rotated, the key not yet) keeps the
/// previous certificate serving and is retried on the next tick.
/// </summary>
internal sealed class CertificateReloader : IDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    private readonly string _certificateFile;
    private readonly string _keyFile;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private byte[] _loadedFingerprint;
    private X509Certificate2 _current;

    /// <summary>Loads the pair now (throws when it cannot: nothing to serve) and starts watching.</summary>
    public CertificateReloader(string certificateFile, string keyFile, TimeProvider timeProvider, ILogger logger, TimeSpan? interval = null)
    {
        _certificateFile = certificateFile;
        _keyFile = keyFile;
        _logger = logger;
        (_current, _loadedFingerprint) = Load();
        LogLoaded(_current);
        TimeSpan period = interval ?? DefaultInterval;
        _timer = timeProvider.CreateTimer(static state => ((CertificateReloader)state!).Check(), this, period, period);
    }

    /// <summary>The certificate to present now (Kestrel's ServerCertificateSelector asks per handshake).</summary>
    public X509Certificate2 Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>One comparison and, when the files changed, one reload; the timer calls it.</summary>
    public void Check()
    {
        try
        {
            byte[] fingerprint = Fingerprint();
            lock (_gate)
            {
                if (fingerprint.AsSpan().SequenceEqual(_loadedFingerprint))
                {
                    return;
                }
            }

            (X509Certificate2 certificate, byte[] loaded) = Load();
            lock (_gate)
            {
                // The old certificate may still be in a handshake; it is left to the finalizer rather than disposed here.
                _current = certificate;
                _loadedFingerprint = loaded;
            }

            LogLoaded(certificate);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            Log.CertificateReloadFailed(_logger, _certificateFile, _keyFile, ProblemText.Describe(e));
        }
    }

    public void Dispose() => _timer.Dispose();

    private void LogLoaded(X509Certificate2 certificate)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            (string subject, DateTime notAfter, string thumbprint) = (certificate.Subject, certificate.NotAfter.ToUniversalTime(), certificate.Thumbprint);
            Log.CertificateLoaded(_logger, subject, notAfter, thumbprint);
        }
    }

    private (X509Certificate2 Certificate, byte[] Fingerprint) Load()
    {
        byte[] fingerprint = Fingerprint();
        X509Certificate2 certificate = X509Certificate2.CreateFromPemFile(_certificateFile, _keyFile);
        return (certificate, fingerprint);
    }

    private byte[] Fingerprint()
    {
        using IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(_certificateFile));
        hash.AppendData(File.ReadAllBytes(_keyFile));
        return hash.GetHashAndReset();
    }
}
