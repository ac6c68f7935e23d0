namespace SecretBroker.Azure.Internal;

/// <summary>The environment variables workload identity reads (through an injectable lookup, so tests never touch the process).</summary>
internal static class AzureEnvironment
{
    public const string ClientId = "AZURE_CLIENT_ID";
    public const string TenantId = "AZURE_TENANT_ID";
    public const string FederatedTokenFile = "AZURE_FEDERATED_TOKEN_FILE";
    public const string AuthorityHost = "AZURE_AUTHORITY_HOST";

    /// <summary>Entra's public-cloud authority, used when neither the option nor the variable names one.</summary>
    public static readonly Uri DefaultAuthorityHost = new("https://login.microsoftonline.com/");

    /// <summary>The process environment.</summary>
    public static Func<string, string?> Process { get; } = Environment.GetEnvironmentVariable;

    /// <summary>A variable's value, or <see langword="null"/> when unset or blank.</summary>
    public static string? Get(this Func<string, string?> environment, string name)
    {
        string? value = environment(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
