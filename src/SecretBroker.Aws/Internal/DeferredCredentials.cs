using Amazon.Runtime;

namespace SecretBroker.Aws.Internal;

/// <summary>
/// SDK credentials created at the first signed request rather than at startup. Used for the SDK types that read the
/// process environment in their constructor (container credentials, the default chain), after our own checks of the
/// same variables have already failed closed at startup.
/// </summary>
internal sealed class DeferredCredentials(Func<AWSCredentials> create) : AWSCredentials
{
    private readonly Lazy<AWSCredentials> _inner = new(create);

    public override ImmutableCredentials GetCredentials() => _inner.Value.GetCredentials();

    public override Task<ImmutableCredentials> GetCredentialsAsync() => _inner.Value.GetCredentialsAsync();
}
