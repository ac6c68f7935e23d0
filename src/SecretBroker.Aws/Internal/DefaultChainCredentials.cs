using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace SecretBroker.Aws.Internal;

/// <summary>
/// The SDK default credential chain, resolved lazily at the first signed request (only with allowFallback): it may
/// reach node or instance credentials, which is exactly why it is opt-in.
/// </summary>
internal sealed class DefaultChainCredentials : AWSCredentials
{
    private readonly Lazy<AWSCredentials> _inner = new(static () => DefaultAWSCredentialsIdentityResolver.GetCredentials(null));

    public override ImmutableCredentials GetCredentials() => _inner.Value.GetCredentials();

    public override Task<ImmutableCredentials> GetCredentialsAsync() => _inner.Value.GetCredentialsAsync();
}
