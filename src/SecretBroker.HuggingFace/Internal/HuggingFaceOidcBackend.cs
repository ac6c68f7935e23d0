using System.Text;
using SecretBroker.Backends;

namespace SecretBroker.HuggingFace.Internal;

/// <summary>
/// Hub access tokens for the resources secrets name (<see cref="SecretDefinition.Id"/>: a repo id <c>org/name</c>, or a
/// user or org name), each exchanged for the projected token read afresh from its file. The token's
/// <c>expires_in</c> is its lease, which the engine refreshes <see cref="RefreshAhead"/> before it ends; an access token
/// cannot be renewed, so a refresh is a new exchange. <see cref="SecretDefinition.Version"/> is not used;
/// <see cref="SecretDefinition.Key"/> is applied like on every backend (an access token is not JSON, so a key fails).
/// </summary>
internal sealed class HuggingFaceOidcBackend : ISecretBackend, IDisposable
{
    /// <summary>How long before an access token expires its replacement is fetched (as <c>huggingface_hub</c> does).</summary>
    public static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    // One exchange per call: each resource is its own token, so there is nothing to batch.
    private static readonly SecretBackendCapabilities OneExchangeACall = new(MaxBatchSize: 1);

    private readonly TokenExchangeClient _client;
    private readonly TokenVersion _versions;

    public HuggingFaceOidcBackend(HuggingFaceOidcOptions options, Func<ReadOnlyMemory<byte>>? versionKey, HttpMessageHandler inner, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.TokenFile);
        TokenFile = options.TokenFile;
        Endpoint = options.Endpoint;
        _client = new TokenExchangeClient(options.Endpoint, inner, options.RequestTimeout, time);
        _versions = new TokenVersion(versionKey);
    }

    public SecretBackendCapabilities Capabilities => OneExchangeACall;

    public string TokenFile { get; }

    public Uri Endpoint { get; }

    /// <remarks>
    /// One exchange per distinct id (the read group), serving every definition of it; the token file is read once per
    /// call. A failure that stops the whole call (the token file) is thrown; a refused resource fails its own definitions.
    /// </remarks>
    public async ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        cancellationToken.ThrowIfCancellationRequested();
        string subjectToken = SubjectTokenFile.Read(TokenFile);
        var results = new List<SecretFetchResult>(secrets.Count);
        foreach (IGrouping<string, SecretDefinition> read in secrets.GroupBy(static s => s.Id, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                ExchangedToken token = await _client.ExchangeAsync(subjectToken, read.Key, cancellationToken).ConfigureAwait(false);
                string version = _versions.Of(token.AccessToken);
                SecretLease? lease = token.ExpiresIn is { } lifetime
                    ? new SecretLease("hf-access-token:" + version, lifetime, Renewable: false) { RefreshAhead = RefreshAhead }
                    : null;
                byte[] value = Encoding.UTF8.GetBytes(token.AccessToken);
                results.AddRange(read.Select(secret => Result(secret, value, version, lease)));
            }
            catch (SecretBackendException e)
            {
                results.AddRange(read.Select(secret => SecretFetchResult.Failure(secret.Name, e)));
            }
        }

        return results;
    }

    public ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken) =>
        throw new NotSupportedException("huggingface-oidc has no version probe: every read is an exchange.");

    public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken) =>
        throw new NotSupportedException("huggingface-oidc access tokens cannot be renewed: a new one is exchanged.");

    public void Dispose() => _client.Dispose();

    private static SecretFetchResult Result(SecretDefinition secret, byte[] value, string version, SecretLease? lease)
    {
        if (secret.Key is not { } key)
        {
            return SecretFetchResult.Success(secret.Name, value, version, lease);
        }

        try
        {
            return SecretFetchResult.Success(secret.Name, SecretJsonField.Extract(value, HuggingFaceMessages.Backend, secret.Id, key), version, lease);
        }
        catch (SecretBackendException e)
        {
            return SecretFetchResult.Failure(secret.Name, e);
        }
    }
}
