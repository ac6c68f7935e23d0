namespace SecretBroker.Emulators.Azure.Entra;

/// <summary>The Entra tenant the emulator plays: its id, the app registration, its federated credentials, token lifetime.</summary>
public sealed class EntraOptions
{
    /// <summary>The one tenant served (<c>AZURE_TENANT_ID</c>); a token request for another tenant is <c>AADSTS90002</c>.</summary>
    public string TenantId { get; set; } = "6f1c3c2e-9b1a-4d5e-8f70-5e3a2b1c0d9e";

    /// <summary>The app registration (user-assigned identity) the pod federates into (<c>AZURE_CLIENT_ID</c>).</summary>
    public string ClientId { get; set; } = "2b7e4f1a-3c5d-4e6f-9a8b-7c6d5e4f3a2b";

    /// <summary>The audience a federated assertion must carry (what the AKS webhook projects).</summary>
    public const string AssertionAudience = "api://AzureADTokenExchange";

    /// <summary>
    /// Federated identity credentials per client id: an assertion is accepted only when one record matches its
    /// issuer, subject and audience exactly. Empty at start = one record for <see cref="ClientId"/>: the local OIDC
    /// issuer, the Azure token's subject, <see cref="AssertionAudience"/>. A client id not listed is unknown.
    /// </summary>
    public Dictionary<string, List<FederatedCredential>> FederatedCredentials { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>expires_in</c> of issued access tokens. Default 1 h (MSAL refreshes ahead of expiry; keep ≥ 10 min outside tests).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
