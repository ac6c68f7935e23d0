using Amazon.Runtime;

namespace SecretBroker.Aws.Internal;

/// <summary>
/// SDK credentials created at the first signed request rather than at startup. Used for the SDK types that read the
/// process environment in their constructor (container credentials, the default chain), after our own checks of the
/// same variables have already failed closed at startup. Keeps the account id the latest credentials reported (the
/// Pod Identity agent's <c>AccountId</c>), for diagnostics.
/// </summary>
internal sealed class DeferredCredentials(Func<AWSCredentials> create) : AWSCredentials
{
    private readonly Lazy<AWSCredentials> _inner = new(create);
    private volatile string? _accountId;

    /// <summary>The account id of the latest credentials handed out, when their source reports one.</summary>
    public string? AccountId => _accountId;

    public override ImmutableCredentials GetCredentials() => Remember(_inner.Value.GetCredentials());

    public override async Task<ImmutableCredentials> GetCredentialsAsync() => Remember(await _inner.Value.GetCredentialsAsync().ConfigureAwait(false));

    private ImmutableCredentials Remember(ImmutableCredentials credentials)
    {
        if (credentials?.AccountId is { Length: > 0 } account)
        {
            _accountId = account;
        }

        return credentials!;
    }
}
