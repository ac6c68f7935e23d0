using System.Text.Json;

using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

using SecretBroker.Backends;

namespace SecretBroker.Azure.Internal;

/// <summary>
/// The two Key Vault reads the backend makes, through the official <see cref="SecretClient"/>, with every failure
/// turned into a classified <see cref="SecretBackendException"/> naming the secret (never a value, never a body).
/// </summary>
internal sealed class KeyVaultReader(SecretClient client, TimeProvider time, TimeSpan timeout)
{
    /// <summary><c>GET /secrets/{name}[/{version}]</c>.</summary>
    public async Task<VaultRead> GetAsync(string name, string? version, CancellationToken cancellationToken)
    {
        string what = AzureErrors.Secret(name, version);
        try
        {
            Response<KeyVaultSecret> response = await client.GetSecretAsync(name, version, cancellationToken).ConfigureAwait(false);
            KeyVaultSecret? secret = response.Value;
            if (secret?.Value is null || string.IsNullOrEmpty(secret.Properties?.Version))
            {
                throw AzureErrors.Undocumented("GET", what);
            }

            SecretProperties p = secret.Properties;
            return new VaultRead(secret.Value, p.Version, p.Enabled, p.NotBefore, p.ExpiresOn, p.UpdatedOn, response.GetRawResponse().Headers.Date, p.ContentType);
        }
        catch (Exception ex) when (Translate(ex, "GET", what, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>The whole <c>GET /secrets</c> listing, every page (<c>nextLink</c>), by name.</summary>
    public async Task<IReadOnlyDictionary<string, VaultListing>> ListAsync(CancellationToken cancellationToken)
    {
        const string What = "the vault's secrets";
        var listing = new Dictionary<string, VaultListing>(StringComparer.OrdinalIgnoreCase);
        try
        {
            await foreach (Page<SecretProperties> page in client.GetPropertiesOfSecretsAsync(cancellationToken).AsPages().ConfigureAwait(false))
            {
                foreach (SecretProperties item in page.Values)
                {
                    if (string.IsNullOrEmpty(item?.Name))
                    {
                        throw AzureErrors.Undocumented("GET /secrets", What);
                    }

                    listing[item.Name] = new VaultListing(item.Enabled, item.UpdatedOn);
                }
            }

            return listing;
        }
        catch (Exception ex) when (Translate(ex, "GET /secrets", What, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// What to throw instead of <paramref name="ex"/>; <see langword="null"/> only for the caller's own cancellation
    /// (which propagates as it is).
    /// </summary>
    private SecretBackendException? Translate(Exception ex, string operation, string what, CancellationToken cancellationToken) => ex switch
    {
        SecretBackendException mine => mine,
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        OperationCanceledException => AzureErrors.Timeout(operation, what, timeout),
        AuthenticationFailedException or CredentialUnavailableException => AzureErrors.Credential(operation, what, ex),
        RequestFailedException { Status: 0 } => AzureErrors.Network(operation, what, ex.InnerException ?? ex),
        RequestFailedException failed => FromStatus(failed, operation, what),
        HttpRequestException or IOException => AzureErrors.Network(operation, what, ex),

        // Anything else came from reading the answer (JsonException, a missing or mistyped field): not the documented JSON.
        _ => AzureErrors.Undocumented(operation, what),
    };

    private SecretBackendException FromStatus(RequestFailedException failed, string operation, string what)
    {
        Response? response = failed.GetRawResponse();
        string? code = InnerCode(response) ?? failed.ErrorCode;
        return failed.Status switch
        {
            429 => AzureErrors.Throttled(operation, what, RetryAfterHeader.Delay(response?.Headers.TryGetValue("Retry-After", out string? value) == true ? value : null, time)),
            404 => AzureErrors.NotFound(what),
            403 when code == "SecretDisabled" => AzureErrors.Disabled(what),
            403 when code == "SecretExpired" => AzureErrors.ExpiredByVault(what),
            403 when code == "SecretNotYetValid" => AzureErrors.NotYetValidByVault(what),
            401 or 403 => AzureErrors.Refused(operation, what, failed.Status, code),
            _ => AzureErrors.Status(operation, what, failed.Status, code),
        };
    }

    // Key Vault's error JSON: {"error":{"code","message","innererror":{"code"}}}; the innermost code says the most
    // (SecretDisabled under Forbidden). Only codes are read, never the message or anything else of the body.
    private static string? InnerCode(Response? response)
    {
        if (response?.Content is not { } content || content.ToMemory().IsEmpty)
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(content.ToMemory());
            string? code = null;
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out JsonElement error))
            {
                for (JsonElement e = error; e.ValueKind == JsonValueKind.Object; e = e.TryGetProperty("innererror", out JsonElement inner) ? inner : default)
                {
                    if (e.TryGetProperty("code", out JsonElement c) && c.ValueKind == JsonValueKind.String)
                    {
                        code = c.GetString();
                    }
                }
            }

            return code;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
