using SecretBroker.Backends;
using SecretBroker.Vault.Tests.Infrastructure;
using static SecretBroker.Vault.Tests.Infrastructure.Definitions;

namespace SecretBroker.Vault.Tests.Login;

/// <summary>TLS to a Vault whose certificate a private CA signed: trusted through caFile for this backend only, never by disabling validation.</summary>
public sealed class CaBundleTests
{
    [Fact]
    public async Task The_ca_file_makes_the_private_ca_trusted_and_without_it_the_call_fails_transient()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync(o => o.Tls = true);
        cloud.WriteKv2("app/db", """{"password":"p1"}""");
        Assert.Equal("https", cloud.Cloud.VaultUrl.Scheme);
        VaultOptions trusting = cloud.Options();
        trusting.CaFile = cloud.Cloud.CaCertificatePath;
        VaultOptions plain = cloud.Options();

        // handler: null = the product's own handler (system roots plus caFile).
        await using var withCa = new VaultBackend(trusting, "vault", null, handler: null, cloud.Clock);
        await using var withoutCa = new VaultBackend(plain, "vault", null, handler: null, cloud.Clock);

        SecretFetchResult ok = Assert.Single(await withCa.FetchAsync([Secret("db", "secret/data/app/db", key: "password")], default));
        SecretFetchResult refused = Assert.Single(await withoutCa.FetchAsync([Secret("db", "secret/data/app/db", key: "password")], default));

        Assert.True(ok.Succeeded, ok.Error?.Message);
        Assert.Equal(SecretErrorKind.Transient, refused.Error!.Kind);
        Assert.Contains("request failed", refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, cloud.Count("VaultLogin", "ok"));
        Assert.Equal(1, cloud.Count("VaultKvRead", "ok"));
    }

    [Fact]
    public async Task A_ca_file_that_holds_no_certificate_fails_the_build()
    {
        await using VaultTestCloud cloud = await VaultTestCloud.StartAsync();
        string bad = Path.Combine(cloud.Cloud.Options.StateDirectory, "bad.pem");
        await File.WriteAllTextAsync(bad, "not a pem");
        VaultOptions options = cloud.Options();
        options.CaFile = bad;

        var e = Assert.ThrowsAny<Exception>(() => new VaultBackend(options, "vault", null, handler: null, cloud.Clock));

        Assert.IsType<SecretBackendSetupException>(e);
        Assert.Contains("caFile", e.Message, StringComparison.Ordinal);
    }
}
