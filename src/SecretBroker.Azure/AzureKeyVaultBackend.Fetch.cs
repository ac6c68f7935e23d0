using System.Text;

using SecretBroker.Azure.Internal;
using SecretBroker.Backends;

namespace SecretBroker.Azure;

/// <summary>Fetching: one <c>GET /secrets/{name}[/{version}]</c> per read group (or the probe's read of it), stopping at the first 429.</summary>
public sealed partial class AzureKeyVaultBackend
{
    /// <inheritdoc />
    /// <remarks>
    /// Definitions sharing a name and version are served from one GET; a group the probe has just read (within
    /// <see cref="ProbeRead.Lifetime"/>) is served from that read without another request. A disabled, missing,
    /// expired or not-yet-valid secret is a permanent failure of its definitions; after a 429 the call's remaining
    /// reads are not attempted and fail with the same <see cref="SecretBackendException.RetryAfter"/>.
    /// </remarks>
    public async ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var results = new List<SecretFetchResult>(secrets.Count);
        SecretBackendException? throttled = null;
        SecretBackendException? only = null;
        IGrouping<(string Id, string? Version), SecretDefinition>[] reads = [.. secrets.GroupBy(static s => (s.Id, s.Version))];
        foreach (IGrouping<(string Id, string? Version), SecretDefinition> read in reads)
        {
            if (throttled is not null)
            {
                SecretBackendException skipped = AzureErrors.NotAttempted(AzureErrors.Secret(read.Key.Id, read.Key.Version), throttled);
                results.AddRange(read.Select(s => SecretFetchResult.Failure(s.Name, skipped)));
                continue;
            }

            try
            {
                VaultRead value = TakeProbeRead(read.Key) ?? await ReadAsync(read.Key, cancellationToken).ConfigureAwait(false);
                results.AddRange(read.Select(s => ToResult(s, value)));
            }
            catch (SecretBackendException ex)
            {
                throttled = AzureErrors.IsThrottled(ex) ? ex : null;
                only = ex;
                results.AddRange(read.Select(s => SecretFetchResult.Failure(s.Name, ex)));
            }
        }

        // One read that failed: report it as the whole call's failure, as the engine expects of a call that did nothing.
        return reads.Length == 1 && only is not null ? throw only : results;
    }

    /// <summary>One GET, remembered for the next probe (a failure forgets what was seen).</summary>
    private async Task<VaultRead> ReadAsync((string Id, string? Version) key, CancellationToken cancellationToken)
    {
        try
        {
            VaultRead value = await _reader.GetAsync(key.Id, key.Version, cancellationToken).ConfigureAwait(false);
            bool settled = value.Updated is { } updated && value.Answered is { } answered && answered.ToUnixTimeSeconds() > updated.ToUnixTimeSeconds();
            _seen[key] = new SeenVersion(value.Version, value.Updated, settled, value.Expires);
            return value;
        }
        catch (SecretBackendException)
        {
            _seen.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>The probe's fresh read of this group, if there is one (used once); rethrows the permanent error it met.</summary>
    private VaultRead? TakeProbeRead((string Id, string? Version) key)
    {
        if (!_probeReads.TryRemove(key, out ProbeRead? probed) || _time.GetUtcNow() - probed.At > ProbeRead.Lifetime)
        {
            return null;
        }

        return probed.Read ?? throw probed.Error!;
    }

    private SecretFetchResult ToResult(SecretDefinition secret, VaultRead value)
    {
        string what = AzureErrors.Secret(secret.Id, secret.Version);
        DateTimeOffset now = _time.GetUtcNow();
        try
        {
            if (value.Enabled == false)
            {
                throw AzureErrors.Disabled(what);
            }

            if (value.Expires is { } expires && expires <= now)
            {
                throw AzureErrors.Expired(what, expires);
            }

            if (value.NotBefore is { } notBefore && notBefore > now)
            {
                throw AzureErrors.NotYetValid(what, notBefore);
            }

            byte[] bytes = Encoding.UTF8.GetBytes(value.Value);
            if (secret.Key is null)
            {
                return SecretFetchResult.Success(secret.Name, bytes, value.Version, contentType: value.ContentType);
            }

            // A field of the value is not what the secret's content type describes: none is passed on.
            return SecretFetchResult.Success(secret.Name, SecretJsonField.Extract(bytes, AzureErrors.Backend, secret.Id, secret.Key), value.Version);
        }
        catch (SecretBackendException ex)
        {
            return SecretFetchResult.Failure(secret.Name, ex);
        }
    }
}
