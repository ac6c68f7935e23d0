using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>
/// With <see cref="LocalCloudOptions.Tls"/>, STS, Secrets Manager, S3 and the Hub answer over HTTPS with a certificate
/// signed by a CA made for the run: clients that trust that CA (and only through it — verification stays on) talk to
/// them; clients that do not are refused by their own TLS stack.
/// </summary>
public sealed class TlsTests
{
    [Fact]
    public async Task The_tls_services_are_https_and_the_ca_is_in_endpoints_json()
    {
        await using var test = await TestCloud.StartAsync(o => o.Tls = true);
        var cloud = test.Cloud;

        Assert.Equal("https", cloud.StsUrl.Scheme);
        Assert.Equal("https", cloud.SecretsManagerUrl.Scheme);
        Assert.Equal("https", cloud.S3Url.Scheme);
        Assert.Equal("https", cloud.HuggingFaceUrl.Scheme);
        Assert.Equal("http", cloud.PodIdentityUrl.Scheme);
        Assert.Equal("http", cloud.AdminUrl.Scheme);
        Assert.Equal(Path.Combine(test.StateDirectory, "ca.pem"), cloud.CaCertificatePath);
        Assert.Contains("\"caCertificate\": \"" + cloud.CaCertificatePath + "\"", await File.ReadAllTextAsync(cloud.EndpointsFile), StringComparison.Ordinal);
        using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(cloud.CaCertificatePath));
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.False(ca.HasPrivateKey);
    }

    [Fact]
    public async Task Without_tls_the_aws_services_stay_http_and_only_entra_and_key_vault_are_https()
    {
        await using var test = await TestCloud.StartAsync();

        Assert.Equal("http", test.Cloud.SecretsManagerUrl.Scheme);
        Assert.Equal("http", test.Cloud.StsUrl.Scheme);
        Assert.Equal("http", test.Cloud.HuggingFaceUrl.Scheme);
        Assert.Equal("https", test.Cloud.EntraUrl.Scheme);
        Assert.Equal("https", test.Cloud.KeyVaultUrl.Scheme);
        Assert.True(File.Exists(test.Cloud.CaCertificatePath));
    }

    [Fact]
    public async Task Boto3_trusting_the_ca_reads_a_secret_over_https_and_without_it_is_refused()
    {
        await using var test = await TestCloud.StartAsync(o => o.Tls = true);
        var cloud = test.Cloud;
        cloud.Secrets.PutString("prod/huggingface", "hf_over_tls");

        var trusted = await PythonRunner.RunAsync("boto3_tls.py", Environment(cloud, caBundle: cloud.CaCertificatePath));
        var untrusted = await PythonRunner.RunAsync("boto3_tls.py", Environment(cloud, caBundle: null));

        Assert.Equal("hf_over_tls", trusted.GetProperty("secret").GetString());
        Assert.Equal("assume-role-with-web-identity", trusted.GetProperty("method").GetString());
        Assert.Contains("CERTIFICATE_VERIFY_FAILED", untrusted.GetProperty("sslError").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, cloud.Counters.Count("secretsmanager.GetSecretValue", "ok"));
    }

    [Fact]
    public async Task The_aws_sdk_for_dotnet_validates_the_chain_against_the_ca_and_refuses_it_without()
    {
        await using var test = await TestCloud.StartAsync(o => o.Tls = true);
        var cloud = test.Cloud;
        using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(cloud.CaCertificatePath));

        // The CA as the only trust anchor, full validation otherwise (name, dates, chain): what SSL_CERT_FILE gives a
        // process, done per client because a test process cannot change its own root store.
        using var trusting = new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), Config(cloud, new TrustingFactory(ca)));
        var assumed = await trusting.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = cloud.Options.RoleArn,
            RoleSessionName = "tls",
            WebIdentityToken = await File.ReadAllTextAsync(cloud.IrsaToken.Path),
        });
        using var system = new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), Config(cloud, factory: null));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => system.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = cloud.Options.RoleArn,
            RoleSessionName = "tls",
            WebIdentityToken = File.ReadAllText(cloud.IrsaToken.Path),
        }));

        Assert.StartsWith("ASIA", assumed.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Contains(Chain(refused), e => e is System.Security.Authentication.AuthenticationException);
        Assert.Equal(1, cloud.Counters.Count("sts.AssumeRoleWithWebIdentity", "ok"));
    }

    private static AmazonSecurityTokenServiceConfig Config(LocalCloud cloud, HttpClientFactory? factory) => new()
    {
        ServiceURL = cloud.StsUrl.ToString(),
        AuthenticationRegion = cloud.Options.Region,
        MaxErrorRetry = 0,
        HttpClientFactory = factory,
    };

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    private static Dictionary<string, string> Environment(LocalCloud cloud, string? caBundle)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_STS"] = cloud.StsUrl.ToString().TrimEnd('/'),
            ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = cloud.SecretsManagerUrl.ToString().TrimEnd('/'),
            ["AWS_ROLE_ARN"] = cloud.Options.RoleArn,
            ["AWS_ROLE_SESSION_NAME"] = "boto3-tls",
            ["AWS_WEB_IDENTITY_TOKEN_FILE"] = cloud.IrsaToken.Path,
            ["AWS_DEFAULT_REGION"] = cloud.Options.Region,
            ["AWS_MAX_ATTEMPTS"] = "1",
            ["SB_SECRET"] = "prod/huggingface",
        };
        if (caBundle is not null)
        {
            environment["AWS_CA_BUNDLE"] = caBundle;
        }

        return environment;
    }

    private sealed class TrustingFactory(X509Certificate2 ca) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig)
        {
            var handler = new SocketsHttpHandler
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
            };
            return new HttpClient(handler);
        }
    }
}
