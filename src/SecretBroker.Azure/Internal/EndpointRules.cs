namespace SecretBroker.Azure.Internal;

/// <summary>The shape rules for the vault URI and the authority host, shared by the validator and the backend's constructor.</summary>
internal static class EndpointRules
{
    /// <summary>The problem with a vault URI, or <see langword="null"/>: absolute http(s), https unless loopback, nothing after the host.</summary>
    public static string? VaultProblem(Uri uri) =>
        !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) ? $"'{uri.OriginalString}' is not an absolute https URL"
        : uri.Scheme == Uri.UriSchemeHttp && !KeyVaultNames.IsLoopback(uri) ? AzureSettingMessages.VaultNotHttps
        : uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0 ? AzureSettingMessages.VaultHasPath
        : null;

    /// <summary>The problem with an authority host, or <see langword="null"/>: absolute http(s), https unless loopback.</summary>
    public static string? AuthorityProblem(Uri uri) =>
        !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) ? $"'{uri.OriginalString}' is not an absolute https URL"
        : uri.Scheme == Uri.UriSchemeHttp && !KeyVaultNames.IsLoopback(uri) ? AzureSettingMessages.AuthorityNotHttps
        : null;
}
