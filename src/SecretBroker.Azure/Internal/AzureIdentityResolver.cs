using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace SecretBroker.Azure.Internal;

/// <summary>
/// Turns the options and the environment into a credential, failing closed: a missing variable or token file throws a
/// message naming it. Only when workload identity's variables are missing, and <see cref="AzureKeyVaultOptions.AllowFallback"/>
/// allows it, the managed identity is used instead; a token file that is named but absent fails either way.
/// </summary>
/// <remarks>
/// The token path always comes from the variable (or the <c>tokenFile</c> override), never a fixed path: the AKS
/// webhook has moved it before. Azure.Identity re-reads the file when it asks Entra for a new token, so a rotated
/// projected token is used for the next assertion. Retries are off: the refresh engine owns retries and backoff.
/// </remarks>
internal sealed class AzureIdentityResolver(AzureKeyVaultOptions options, Func<string, string?> environment, HttpPipelineTransport transport)
{
    public ResolvedAzureIdentity Resolve()
    {
        string? clientId = options.ClientId ?? environment.Get(AzureEnvironment.ClientId);
        string? tenantId = options.TenantId ?? environment.Get(AzureEnvironment.TenantId);
        string? tokenFile = options.TokenFile ?? environment.Get(AzureEnvironment.FederatedTokenFile);
        string? missing = clientId is null ? Missing(AzureEnvironment.ClientId, "clientId")
            : tenantId is null ? Missing(AzureEnvironment.TenantId, "tenantId")
            : tokenFile is null ? Missing(AzureEnvironment.FederatedTokenFile, "tokenFile")
            : null;
        if (missing is not null)
        {
            return options.AllowFallback ? ManagedIdentity(clientId, missing) : throw AzureErrors.IdentityMissing(missing);
        }

        if (!Path.IsPathFullyQualified(tokenFile!))
        {
            throw AzureErrors.IdentityMissing($"token file path '{tokenFile}' ({Source(AzureEnvironment.FederatedTokenFile, options.TokenFile)}) must be absolute");
        }

        if (!File.Exists(tokenFile))
        {
            throw AzureErrors.IdentityMissing($"token file {tokenFile} ({Source(AzureEnvironment.FederatedTokenFile, options.TokenFile)}) does not exist");
        }

        Uri authority = Authority();
        bool loopback = KeyVaultNames.IsLoopback(authority);
        var credentialOptions = new WorkloadIdentityCredentialOptions
        {
            ClientId = clientId,
            TenantId = tenantId,
            TokenFilePath = tokenFile,
            AuthorityHost = authority,

            // Instance discovery asks login.microsoftonline.com about the authority: meaningless for an emulator.
            DisableInstanceDiscovery = loopback,
            Transport = transport,
        };
        credentialOptions.Retry.MaxRetries = 0;
        credentialOptions.Retry.NetworkTimeout = options.RequestTimeout;
        return new ResolvedAzureIdentity(
            $"identity workload-identity client {clientId} tenant {tenantId} token file {tokenFile} authority {authority}",
            new WorkloadIdentityCredential(credentialOptions),
            loopback);
    }

    private Uri Authority()
    {
        if (options.AuthorityHost is { } configured)
        {
            return EndpointRules.AuthorityProblem(configured) is { } problem ? throw AzureErrors.BadSetting("authorityHost", problem) : configured;
        }

        if (environment.Get(AzureEnvironment.AuthorityHost) is not { } text)
        {
            return AzureEnvironment.DefaultAuthorityHost;
        }

        return !Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? throw AzureErrors.BadSetting(AzureEnvironment.AuthorityHost, $"'{text}' is not an absolute https URL")
            : EndpointRules.AuthorityProblem(uri) is { } bad ? throw AzureErrors.BadSetting(AzureEnvironment.AuthorityHost, bad)
            : uri;
    }

    private ResolvedAzureIdentity ManagedIdentity(string? clientId, string missing)
    {
        ManagedIdentityId id = clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId);
        var credentialOptions = new ManagedIdentityCredentialOptions(id) { Transport = transport };
        credentialOptions.Retry.MaxRetries = 0;
        credentialOptions.Retry.NetworkTimeout = options.RequestTimeout;
        string who = clientId is null ? "system-assigned" : $"client {clientId}";
        return new ResolvedAzureIdentity($"identity managed-identity {who} (allowFallback: {missing})", new ManagedIdentityCredential(credentialOptions), Loopback: false);
    }

    private static string Missing(string variable, string key) => $"{variable} is not set (nor {key} in the config)";

    private static string Source(string variable, string? overridden) => overridden is null ? variable : "tokenFile in the config";
}
