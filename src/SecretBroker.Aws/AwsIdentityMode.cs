namespace SecretBroker.Aws;

/// <summary>Where an AWS backend gets its credentials from. Every mode fails closed (see <see cref="AwsSecretsManagerOptions.AllowFallback"/>).</summary>
public enum AwsIdentityMode
{
    /// <summary>
    /// Detect, in this order: IRSA when <c>AWS_ROLE_ARN</c> or <c>AWS_WEB_IDENTITY_TOKEN_FILE</c> (or the matching option
    /// override) is set; else EKS Pod Identity when <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c> or
    /// <c>AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE</c> is set; else fail (or the SDK default chain when fallback is allowed).
    /// </summary>
    Auto,

    /// <summary>IAM Roles for Service Accounts: <c>sts:AssumeRoleWithWebIdentity</c> with the projected service-account token.</summary>
    Irsa,

    /// <summary>EKS Pod Identity: the container-credentials endpoint called with the projected token as <c>Authorization</c>.</summary>
    PodIdentity,
}
