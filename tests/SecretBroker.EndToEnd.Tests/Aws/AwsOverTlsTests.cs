using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// The sidecar against STS and Secrets Manager over HTTPS (the local cloud with its run's CA): trusting the CA the way
/// a pod trusts a private CA — <c>SSL_CERT_FILE</c>, read by .NET's OpenSSL-backed root store — it delivers; without
/// it the TLS handshake fails, nothing is delivered, and <c>check</c> says why. Certificate validation is never off.
/// </summary>
public sealed class AwsOverTlsTests
{
    [Theory]
    [InlineData("SSL_CERT_FILE")]
    [InlineData("SSL_CERT_DIR")]
    public async Task Trusting_the_ca_through_SSL_CERT_FILE_or_SSL_CERT_DIR_the_sidecar_delivers_over_https(string variable)
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync(o => o.Tls = true);
        string value = AwsCanary.New("TLS");
        setup.PutToken(value);
        string config = setup.WriteConfig(refresh: TimeSpan.FromSeconds(30));
        Dictionary<string, string> environment = setup.IrsaEnvironment();

        // SSL_CERT_DIR: a directory of PEM files (as a ConfigMap mounted over /etc/ssl/certs would be), the CA under a
        // plain name, not OpenSSL's hash link: .NET reads every file of the directory into its root store.
        using TempDirectory certificates = TempDirectory.OnDisk();
        File.Copy(setup.Cloud.CaCertificatePath!, certificates.Combine("private-ca.pem"));
        environment[variable] = variable == "SSL_CERT_DIR" ? certificates.Path : setup.Cloud.CaCertificatePath!;

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: environment);

        Assert.Equal("https", setup.Cloud.SecretsManagerUrl.Scheme);
        await Eventually.HoldsAsync(() => setup.ReadOutput() == value, TimeSpan.FromSeconds(30), $"the secret delivered over https.\nstdout:\n{sidecar.StandardOutput}");
        Assert.Equal(1, setup.Cloud.Counters.Count("sts.AssumeRoleWithWebIdentity", "ok"));
        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        AwsCanary.AssertNoLeak(sidecar.StandardOutput + "\n" + sidecar.StandardError, setup);
    }

    [Fact]
    public async Task Without_the_ca_check_fails_on_the_certificate_and_nothing_reaches_the_emulators()
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync(o => o.Tls = true);
        setup.PutToken(AwsCanary.New("UNTRUSTED"));
        string config = setup.WriteConfig(refresh: TimeSpan.FromSeconds(30));

        (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync(
            ["check", "--config", config], TimeSpan.FromSeconds(60), environment: setup.IrsaEnvironment());

        Assert.True(exitCode != 0, stdout + stderr);
        Assert.Contains("AuthenticationException", stdout, StringComparison.Ordinal);
        Assert.Contains("trust that CA through SSL_CERT_FILE or SSL_CERT_DIR", stdout, StringComparison.Ordinal);
        Assert.Equal(0, setup.Cloud.Counters.Count("sts.AssumeRoleWithWebIdentity"));
        Assert.Equal(0, setup.Cloud.Counters.Count("secretsmanager.GetSecretValue"));
        Assert.Equal(0, setup.Cloud.Counters.Count("secretsmanager.BatchGetSecretValue"));
    }
}
