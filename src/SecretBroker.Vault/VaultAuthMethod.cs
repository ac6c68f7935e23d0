namespace SecretBroker.Vault;

/// <summary>How a Vault backend logs in (<c>auth.method</c>).</summary>
public enum VaultAuthMethod
{
    /// <summary>The Kubernetes auth method: the pod's service-account token, <c>POST /v1/auth/&lt;mount&gt;/login</c>.</summary>
    Kubernetes,

    /// <summary>The JWT/OIDC auth method with a projected token (audience <c>vault</c>), same login shape.</summary>
    Jwt,
}
