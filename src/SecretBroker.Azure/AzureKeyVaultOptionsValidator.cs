using SecretBroker.Azure.Internal;
using SecretBroker.Backends;

namespace SecretBroker.Azure;

/// <summary>
/// Validates <see cref="AzureKeyVaultOptions"/>, naming the setting keys of an <c>azure-key-vault</c> backend:
/// <c>vaultUri</c> required, https (http only to loopback) with no path or query; <c>authorityHost</c> likewise;
/// <c>tokenFile</c> absolute; a known <c>identity</c>; <c>requestTimeout</c> between 1 s and 10 min. Whether the
/// identity's variables and token file exist is checked when the backend is built, against the environment.
/// </summary>
public sealed class AzureKeyVaultOptionsValidator : SecretBackendOptionsValidator<AzureKeyVaultOptions>
{
    /// <inheritdoc/>
    public override IEnumerable<SecretBackendSettingProblem> Problems(AzureKeyVaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.VaultUri is null)
        {
            yield return new SecretBackendSettingProblem("vaultUri", AzureSettingMessages.Required);
        }
        else if (EndpointRules.VaultProblem(options.VaultUri) is { } vault)
        {
            yield return new SecretBackendSettingProblem("vaultUri", vault);
        }

        if (!Enum.IsDefined(options.Identity))
        {
            yield return new SecretBackendSettingProblem("identity", AzureSettingMessages.UnknownIdentity);
        }

        if (options.AuthorityHost is not null && EndpointRules.AuthorityProblem(options.AuthorityHost) is { } authority)
        {
            yield return new SecretBackendSettingProblem("authorityHost", authority);
        }

        if (options.TokenFile is not null && !Path.IsPathFullyQualified(options.TokenFile))
        {
            yield return new SecretBackendSettingProblem("tokenFile", AzureSettingMessages.TokenFileNotAbsolute);
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new SecretBackendSettingProblem("requestTimeout", AzureSettingMessages.TimeoutOutOfRange(options.RequestTimeout));
        }
    }
}
