using System.Net;
using System.Text;

using Azure.Core;

using SecretBroker.Azure.Tests.Fakes;
using SecretBroker.Backends;
using SecretBroker.Emulators.Azure.KeyVault;
using SecretBroker.Emulators.Faults;

namespace SecretBroker.Azure.Tests;

/// <summary>Each Key Vault answer becomes a clear, classified error naming the secret and never its value.</summary>
public sealed class KeyVaultAnswerTests : IAsyncLifetime
{
    private const string Canary = "CANARY-azure-7d1f-never-print-me";
    private AzureTestCloud? _cloud;

    private AzureTestCloud Cloud => _cloud!;

    public async Task InitializeAsync() => _cloud = await AzureTestCloud.StartAsync();

    public async Task DisposeAsync() => await Cloud.DisposeAsync();

    [Fact]
    public async Task A_disabled_secret_is_a_permanent_error_saying_so()
    {
        Cloud.Vault.Set("hf-token", Canary);
        Cloud.Vault.Update("hf-token", null, new VaultSecretAttributes { Enabled = false });

        SecretBackendException error = await FailureAsync(Definitions.Secret("hf-token"));

        Assert.Equal(SecretErrorKind.Permanent, error.Kind);
        Assert.Equal("azure-key-vault: Key Vault secret 'hf-token' is disabled", error.Message);
    }

    [Fact]
    public async Task An_expired_secret_served_with_200_is_a_permanent_error_saying_when()
    {
        DateTimeOffset expired = Cloud.Clock.GetUtcNow().AddMinutes(-1);
        Cloud.Vault.Set("hf-token", Canary, new VaultSecretAttributes { Expires = expired });

        SecretBackendException error = await FailureAsync(Definitions.Secret("hf-token"));

        Assert.Equal(SecretErrorKind.Permanent, error.Kind);
        Assert.StartsWith("azure-key-vault: Key Vault secret 'hf-token' expired at ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_not_valid_yet_is_a_permanent_error_saying_from_when()
    {
        Cloud.Vault.Set("hf-token", Canary, new VaultSecretAttributes { NotBefore = Cloud.Clock.GetUtcNow().AddHours(1) });

        SecretBackendException error = await FailureAsync(Definitions.Secret("hf-token"));

        Assert.Equal(SecretErrorKind.Permanent, error.Kind);
        Assert.StartsWith("azure-key-vault: Key Vault secret 'hf-token' is not valid before ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vault_enforcing_the_validity_period_refuses_with_403_and_that_is_said_too()
    {
        Cloud.Cloud.Options.KeyVault.EnforceValidityPeriod = true;
        Cloud.Vault.Set("hf-token", Canary, new VaultSecretAttributes { Expires = Cloud.Clock.GetUtcNow().AddMinutes(-1) });

        SecretBackendException error = await FailureAsync(Definitions.Secret("hf-token"));

        Assert.Equal(SecretErrorKind.Permanent, error.Kind);
        Assert.Contains("Key Vault secret 'hf-token' is expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_secret_or_version_is_a_permanent_not_found_naming_it()
    {
        Cloud.Vault.Set("hf-token", Canary);
        const string Version = "0123456789abcdef0123456789abcdef";

        SecretBackendException absent = await FailureAsync(Definitions.Secret("absent"));
        SecretBackendException version = await FailureAsync(Definitions.Secret("hf-token", version: Version));

        Assert.Equal(SecretErrorKind.Permanent, absent.Kind);
        Assert.Equal("azure-key-vault: Key Vault secret 'absent' was not found", absent.Message);
        Assert.Equal($"azure-key-vault: Key Vault secret 'hf-token' version {Version} was not found", version.Message);
    }

    [Fact]
    public async Task A_bearer_the_vault_refuses_is_a_permanent_401()
    {
        Cloud.Vault.Set("hf-token", Canary);
        string otherTenant = Cloud.Cloud.Azure.AccessTokens.Mint("11111111-2222-3333-4444-555555555555", Cloud.Cloud.Options.Entra.ClientId, "https://vault.azure.net", TimeSpan.FromHours(1));
        using RecordingHandler handler = Cloud.Handler();
        await using var backend = new AzureKeyVaultBackend(
            new AzureKeyVaultOptions { VaultUri = Cloud.Cloud.KeyVaultUrl }, static _ => null, handler, Cloud.Clock, new FixedToken(otherTenant));

        SecretBackendException error = await FailureAsync(backend, Definitions.Secret("hf-token"));

        Assert.Equal(SecretErrorKind.Permanent, error.Kind);
        Assert.StartsWith("azure-key-vault: Key Vault refused GET for 'hf-token' with HTTP 401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_is_transient_with_its_Retry_After_and_the_rest_of_the_call_is_not_attempted()
    {
        Cloud.Cloud.Options.KeyVault.TransactionLimit = 2;
        for (int i = 0; i < 5; i++)
        {
            Cloud.Vault.Set($"s{i}", $"v{i}");
        }

        using RecordingHandler handler = Cloud.Handler();
        await using AzureKeyVaultBackend backend = Cloud.Backend(handler);
        IReadOnlyList<SecretFetchResult> results = await backend.FetchAsync([.. Enumerable.Range(0, 5).Select(static i => Definitions.Secret($"s{i}"))], CancellationToken.None);

        Assert.True(results[0].Succeeded && results[1].Succeeded);
        SecretBackendException throttled = results[2].Error!;
        Assert.Equal(SecretErrorKind.Transient, throttled.Kind);
        Assert.Equal(TimeSpan.FromSeconds(10), throttled.RetryAfter);
        Assert.StartsWith("azure-key-vault: Key Vault throttled GET for 's2' (HTTP 429, Retry-After 10 s)", throttled.Message, StringComparison.Ordinal);
        Assert.All(results.Skip(3), r => Assert.Equal(TimeSpan.FromSeconds(10), r.Error!.RetryAfter));
        Assert.Equal(3, handler.Count(static r => r.IsSecretGet && r.Status != 401)); // s3 and s4 never asked
    }

    [Fact]
    public async Task A_5xx_and_a_dropped_connection_are_transient()
    {
        Cloud.Vault.Set("hf-token", Canary);
        Cloud.Cloud.Faults.Set("GetSecret", new Fault { Kind = FaultKind.ServiceUnavailable, Count = 1 });
        using RecordingHandler handler = Cloud.Handler();
        await using AzureKeyVaultBackend backend = Cloud.Backend(handler);

        SecretBackendException unavailable = await FailureAsync(backend, Definitions.Secret("hf-token"));
        Cloud.Cloud.Faults.Set("GetSecret", new Fault { Kind = FaultKind.DropConnection, Count = 1 });
        SecretBackendException dropped = await FailureAsync(backend, Definitions.Secret("hf-token"));

        Assert.Equal(SecretErrorKind.Transient, unavailable.Kind);
        Assert.StartsWith("azure-key-vault: GET for 'hf-token' failed with HTTP 503", unavailable.Message, StringComparison.Ordinal);
        Assert.Equal(SecretErrorKind.Transient, dropped.Kind);
        Assert.StartsWith("azure-key-vault: GET for 'hf-token' failed: ", dropped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_transient_and_says_how_to_trust_a_private_CA()
    {
        Cloud.Vault.Set("hf-token", Canary);
        using var untrusting = new SocketsHttpHandler(); // the system store, which does not hold the emulators' CA
        await using var backend = new AzureKeyVaultBackend(
            new AzureKeyVaultOptions { VaultUri = Cloud.Cloud.KeyVaultUrl }, static _ => null, untrusting, Cloud.Clock, new FixedToken("not-used"));

        SecretBackendException error = await FailureAsync(backend, Definitions.Secret("hf-token"));

        Assert.Equal(SecretErrorKind.Transient, error.Kind);
        Assert.StartsWith("azure-key-vault: GET for 'hf-token' failed: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("trust that CA through SSL_CERT_FILE or SSL_CERT_DIR)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><body>" + Canary + "</body></html>")]
    [InlineData("{\"value\":\"" + Canary + "\"")]
    [InlineData("{\"id\":\"https://127.0.0.1/secrets/hf-token/0123456789abcdef0123456789abcdef\"}")]
    [InlineData("[\"" + Canary + "\"]")]
    public async Task An_answer_that_is_not_the_documented_JSON_is_transient_names_the_backend_and_quotes_nothing(string body)
    {
        Cloud.Vault.Set("hf-token", Canary);
        using RecordingHandler handler = Cloud.Handler();
        handler.Rewrite = (request, response) =>
        {
            if (response.StatusCode == HttpStatusCode.OK && request.RequestUri!.AbsolutePath.StartsWith("/secrets/", StringComparison.Ordinal))
            {
                response.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            return response;
        };
        await using AzureKeyVaultBackend backend = Cloud.Backend(handler);

        SecretBackendException error = await FailureAsync(backend, Definitions.Secret("hf-token"));

        Assert.Equal(SecretErrorKind.Transient, error.Kind);
        Assert.Equal("azure-key-vault: GET for 'hf-token': Key Vault's answer is not the documented JSON", error.Message);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public async Task A_listing_that_is_not_the_documented_JSON_fails_the_probe_as_transient()
    {
        Cloud.Vault.Set("hf-token", Canary);
        using RecordingHandler handler = Cloud.Handler();
        await using AzureKeyVaultBackend backend = Cloud.Backend(handler, AzureRefreshMode.List);
        Assert.True((await backend.FetchAsync([Definitions.Secret("hf-token")], CancellationToken.None))[0].Succeeded);
        handler.Rewrite = (request, response) =>
        {
            if (request.RequestUri!.AbsolutePath.TrimEnd('/') == "/secrets")
            {
                response.Content = new StringContent("{\"value\":[{\"id\":" + Canary, Encoding.UTF8, "application/json");
            }

            return response;
        };

        SecretBackendException error = await Assert.ThrowsAsync<SecretBackendException>(() => backend.ProbeAsync([Definitions.Secret("hf-token")], CancellationToken.None).AsTask());

        Assert.Equal(SecretErrorKind.Transient, error.Kind);
        Assert.Equal("azure-key-vault: GET /secrets for the vault's secrets: Key Vault's answer is not the documented JSON", error.Message);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }

    private async Task<SecretBackendException> FailureAsync(SecretDefinition secret)
    {
        using RecordingHandler handler = Cloud.Handler();
        await using AzureKeyVaultBackend backend = Cloud.Backend(handler);
        return await FailureAsync(backend, secret);
    }

    private static async Task<SecretBackendException> FailureAsync(AzureKeyVaultBackend backend, SecretDefinition secret)
    {
        // A failed result, or the whole call's exception (one read that failed).
        SecretBackendException error;
        try
        {
            SecretFetchResult result = Assert.Single(await backend.FetchAsync([secret], CancellationToken.None));
            Assert.False(result.Succeeded);
            error = result.Error;
        }
        catch (SecretBackendException whole)
        {
            error = whole;
        }

        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
        return error;
    }

    private sealed class FixedToken(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
