using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Injector.Hosting;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Hosting;

/// <summary>The serving certificate follows its files on a TimeProvider timer; a broken rotation keeps the old one.</summary>
public sealed class CertificateReloaderTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_rotated_pair_is_served_after_the_next_check_and_not_before()
    {
        using TestCertificates files = new();
        string first = files.WriteNew();
        FakeTimeProvider clock = new();
        using CertificateReloader reloader = new(files.CertificateFile, files.KeyFile, clock, new FakeLogger(), Interval);
        Assert.Equal(first, reloader.Current.Thumbprint);

        string second = files.WriteNew();
        clock.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(first, reloader.Current.Thumbprint);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(second, reloader.Current.Thumbprint);
    }

    [Fact]
    public void A_half_rotated_pair_keeps_the_previous_certificate_and_is_loaded_once_the_key_arrives()
    {
        using TestCertificates files = new();
        string first = files.WriteNew();
        FakeTimeProvider clock = new();
        FakeLogCollector logs = new();
        using CertificateReloader reloader = new(files.CertificateFile, files.KeyFile, clock, new FakeLogger(logs), Interval);

        (string certificate, string key, string thumbprint) = TestCertificates.Create("CN=rotated");
        File.WriteAllText(files.CertificateFile, certificate);
        clock.Advance(Interval);
        Assert.Equal(first, reloader.Current.Thumbprint);
        Assert.Contains(logs.GetSnapshot(), r => r.Id.Id == 7011);

        File.WriteAllText(files.KeyFile, key);
        clock.Advance(Interval);
        Assert.Equal(thumbprint, reloader.Current.Thumbprint);
    }

    [Fact]
    public void A_missing_key_at_start_is_an_error_not_a_server_without_a_certificate()
    {
        using TestCertificates files = new();
        files.WriteNew();
        File.Delete(files.KeyFile);

        Assert.ThrowsAny<IOException>(() => new CertificateReloader(files.CertificateFile, files.KeyFile, new FakeTimeProvider(), new FakeLogger(), Interval));
    }

    [Fact]
    public void Disposing_stops_the_timer()
    {
        using TestCertificates files = new();
        files.WriteNew();
        FakeTimeProvider clock = new();
        CertificateReloader reloader = new(files.CertificateFile, files.KeyFile, clock, new FakeLogger(), Interval);
        string before = reloader.Current.Thumbprint;

        reloader.Dispose();
        files.WriteNew();
        clock.Advance(Interval * 3);

        Assert.Equal(before, reloader.Current.Thumbprint);
    }
}
