using Amazon.Runtime;

namespace SecretBroker.Aws.Internal;

/// <summary>The outcome of identity resolution.</summary>
/// <param name="Mode">The mode in force: <c>irsa</c>, <c>pod-identity</c> or <c>fallback</c>.</param>
/// <param name="Description">What was used (role ARN, endpoint), for diagnostics; never a token or key.</param>
/// <param name="Credentials">The SDK credentials; they refresh themselves.</param>
internal sealed record ResolvedAwsIdentity(string Mode, string Description, AWSCredentials Credentials);
