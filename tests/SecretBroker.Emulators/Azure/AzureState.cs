using SecretBroker.Emulators.Azure.Entra;
using SecretBroker.Emulators.Azure.KeyVault;
using SecretBroker.Emulators.Oidc;

namespace SecretBroker.Emulators.Azure;

/// <summary>What the Azure emulators share: Entra's signing key, the vault's secrets and throttle, the Azure projected token.</summary>
public sealed class AzureState : IDisposable
{
    internal AzureState(LocalCloudOptions options, ProjectedTokenFile token)
    {
        Token = token;
        AccessTokens = new AccessTokenAuthority(options.TimeProvider);
        Vault = new VaultStore(options.TimeProvider);
        Throttle = new VaultThrottle(options.KeyVault, options.TimeProvider);
    }

    /// <summary>The workload identity token volume (aud <c>api://AzureADTokenExchange</c>), <c>AZURE_FEDERATED_TOKEN_FILE</c>.</summary>
    public ProjectedTokenFile Token { get; }

    /// <summary>Entra's key: the access tokens it issues and Key Vault accepts (tests mint odd ones with it).</summary>
    public AccessTokenAuthority AccessTokens { get; }

    /// <summary>Every token request Entra answered: the assertion presented, the outcome, the access token issued.</summary>
    public EntraTokenRequests TokenRequests { get; } = new();

    /// <summary>The vault's secrets.</summary>
    public VaultStore Vault { get; }

    /// <summary>The vault's transaction limit and its peak.</summary>
    public VaultThrottle Throttle { get; }

    public void Dispose() => AccessTokens.Dispose();
}
