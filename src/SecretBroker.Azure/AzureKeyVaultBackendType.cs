using SecretBroker.Azure.Internal;
using SecretBroker.Backends;

namespace SecretBroker.Azure;

/// <summary>
/// The <c>azure-key-vault</c> backend type: its settings (<c>vaultUri</c>, <c>identity</c>, the workload identity
/// overrides <c>clientId</c>, <c>tenantId</c>, <c>tokenFile</c>, <c>authorityHost</c>, <c>allowFallback</c>,
/// <c>refreshMode</c>, <c>requestTimeout</c>), their validation, the per-secret rules (a Key Vault name, a 32-hex
/// version), and how the backend is built and described for <c>check</c>.
/// </summary>
public sealed class AzureKeyVaultBackendType : SecretBackendType<AzureKeyVaultOptions>
{
    private AzureKeyVaultBackendType()
    {
    }

    /// <summary>The one instance.</summary>
    public static AzureKeyVaultBackendType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "azure-key-vault";

    /// <inheritdoc/>
    public override SecretBackendSettingMap<AzureKeyVaultOptions> Settings { get; } = new SecretBackendSettingMap<AzureKeyVaultOptions>()
        .Url("vaultUri", (options, url) => options.VaultUri = url)
        .Choice<AzureIdentityMode>("identity", [new("workload-identity", AzureIdentityMode.WorkloadIdentity)], (options, identity) => options.Identity = identity)
        .Text("clientId", (options, id) => options.ClientId = id.Trim())
        .Text("tenantId", (options, id) => options.TenantId = id.Trim())
        .Path("tokenFile", (options, path) => options.TokenFile = path)
        .Url("authorityHost", (options, url) => options.AuthorityHost = url)
        .Boolean("allowFallback", (options, allow) => options.AllowFallback = allow)
        .Choice<AzureRefreshMode>(
            "refreshMode",
            [new("get", AzureRefreshMode.Get), new("list", AzureRefreshMode.List)],
            (options, mode) => options.RefreshMode = mode)
        .Duration("requestTimeout", (options, timeout) => options.RequestTimeout = timeout);

    /// <inheritdoc/>
    public override SecretBackendOptionsValidator<AzureKeyVaultOptions> Validator { get; } = new AzureKeyVaultOptionsValidator();

    /// <inheritdoc/>
    /// <remarks><c>id</c> must be a Key Vault secret name (<c>[0-9a-zA-Z-]{1,127}</c>), <c>version</c> 32 hexadecimal characters.</remarks>
    public override IEnumerable<SecretBackendSettingProblem> SecretProblems(SecretDefinition secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!string.IsNullOrWhiteSpace(secret.Id) && !KeyVaultNames.IsSecretName(secret.Id))
        {
            yield return new SecretBackendSettingProblem("id", AzureSettingMessages.NotASecretName(secret.Id));
        }

        if (secret.Version is not null && !KeyVaultNames.IsVersion(secret.Version))
        {
            yield return new SecretBackendSettingProblem("version", AzureSettingMessages.NotAVersion(secret.Version));
        }
    }

    /// <inheritdoc/>
    public override ISecretBackend Create(AzureKeyVaultOptions options, SecretBackendContext context)
    {
        try
        {
            return new AzureKeyVaultBackend(options);
        }
        catch (InvalidOperationException e)
        {
            // Fail closed: workload identity's variables or token file are missing (the message names them).
            throw new SecretBackendSetupException(e.Message, e);
        }
        catch (ArgumentException e)
        {
            // A vault URI or authority host the backend refuses.
            throw new SecretBackendSetupException(e.Message, e);
        }
    }

    /// <inheritdoc/>
    public override string? Describe(AzureKeyVaultOptions options, ISecretBackend backend) =>
        backend is AzureKeyVaultBackend azure ? $"{TypeName} {azure.VaultUri} {azure.Identity}" : null;
}
