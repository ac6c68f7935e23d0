namespace SecretBroker.Azure;

/// <summary>How an Azure Key Vault backend authenticates. Fails closed (see <see cref="AzureKeyVaultOptions.AllowFallback"/>).</summary>
public enum AzureIdentityMode
{
    /// <summary>
    /// Entra workload identity: the pod's projected service-account token (<c>AZURE_FEDERATED_TOKEN_FILE</c>) presented
    /// as a client assertion for <c>AZURE_CLIENT_ID</c> in <c>AZURE_TENANT_ID</c> at <c>AZURE_AUTHORITY_HOST</c>.
    /// </summary>
    WorkloadIdentity,
}
