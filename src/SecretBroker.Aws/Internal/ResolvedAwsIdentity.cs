using Amazon.Runtime;

namespace SecretBroker.Aws.Internal;

/// <summary>The outcome of identity resolution.</summary>
/// <param name="Mode">The mode in force: <c>irsa</c>, <c>pod-identity</c>, <c>fallback</c> or <c>static</c>.</param>
/// <param name="Description">What was configured (role ARN, endpoint, token path), for diagnostics; never a token or key.</param>
/// <param name="Credentials">The SDK credentials; they refresh themselves.</param>
internal sealed record ResolvedAwsIdentity(string Mode, string Description, AWSCredentials Credentials)
{
    /// <summary>
    /// <see cref="Description"/> plus what the credential source has reported so far: for IRSA the assumed-role ARN of
    /// the latest STS answer; for Pod Identity the account id the agent reported (the agent reports no role ARN, and
    /// none is made up). Never a token or key.
    /// </summary>
    public string Describe() => Credentials switch
    {
        WebIdentityCredentials irsa => irsa.AssumedRoleArn is { } arn
            ? $"{Description}, assumed role {arn}"
            : $"{Description}, assumed role not known yet (no STS exchange so far)",
        DeferredCredentials pod when Mode == "pod-identity" => pod.AccountId is { } account
            ? $"{Description}, account {account} (the Pod Identity agent does not report the assumed-role ARN)"
            : $"{Description}, account not known yet (no credentials fetched so far; the Pod Identity agent does not report the assumed-role ARN)",
        _ => Description,
    };
}
