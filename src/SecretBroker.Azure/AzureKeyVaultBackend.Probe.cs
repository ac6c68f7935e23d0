using SecretBroker.Azure.Internal;
using SecretBroker.Backends;

namespace SecretBroker.Azure;

/// <summary>Probing: a GET per secret in get mode; the paged <c>GET /secrets</c> listing, then GETs of what moved, in list mode.</summary>
public sealed partial class AzureKeyVaultBackend
{
    /// <inheritdoc />
    /// <remarks>
    /// A pinned version already read (and not expired since) is confirmed without a request in both modes. In
    /// <see cref="AzureRefreshMode.List"/>, a secret whose listed <c>updated</c> time equals the one last read (a settled
    /// read, see the package README) is confirmed by the listing alone; the listing is skipped when it could confirm
    /// nothing. Every other group is read with one GET, whose answer the fetch that follows uses instead of reading
    /// again. A permanent failure (not found, disabled) answers "unknown" so the fetch reports it; a transient one
    /// (429, 5xx, network) fails the whole probe, so the engine backs off instead of reading on. A permanent listing
    /// failure (the identity may read secrets but not list them) falls back to GETs.
    /// </remarks>
    public async ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        DateTimeOffset now = _time.GetUtcNow();
        IReadOnlyDictionary<string, VaultListing>? listing = null;
        if (RefreshMode == AzureRefreshMode.List && secrets.Any(s => s.Version is null && _seen.GetValueOrDefault((s.Id, null)) is { Settled: true }))
        {
            try
            {
                listing = await _reader.ListAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SecretBackendException ex) when (ex.Kind == SecretErrorKind.Permanent)
            {
                listing = null;
            }
        }

        var versions = new Dictionary<(string Id, string? Version), string?>();
        foreach ((string Id, string? Version) key in secrets.Select(static s => (s.Id, s.Version)).Distinct())
        {
            versions[key] = Confirmed(key, listing, now) ?? await ProbeReadAsync(key, cancellationToken).ConfigureAwait(false);
        }

        return [.. secrets.Select(s => new SecretVersionProbe(s.Name, versions[(s.Id, s.Version)]))];
    }

    /// <summary>The version confirmed without a GET, or <see langword="null"/>.</summary>
    private string? Confirmed((string Id, string? Version) key, IReadOnlyDictionary<string, VaultListing>? listing, DateTimeOffset now)
    {
        if (_seen.GetValueOrDefault(key) is not { } seen || seen.Expires <= now)
        {
            return null;
        }

        if (key.Version is not null)
        {
            return seen.Version; // a version's value never changes
        }

        return seen.Settled && listing is not null && listing.TryGetValue(key.Id, out VaultListing? listed)
            && listed.Enabled != false && listed.Updated == seen.Updated ? seen.Version : null;
    }

    private async Task<string?> ProbeReadAsync((string Id, string? Version) key, CancellationToken cancellationToken)
    {
        try
        {
            VaultRead value = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
            _probeReads[key] = new ProbeRead(value, null, _time.GetUtcNow());
            return value.Version;
        }
        catch (SecretBackendException ex) when (ex.Kind == SecretErrorKind.Permanent)
        {
            _probeReads[key] = new ProbeRead(null, ex, _time.GetUtcNow());
            return null;
        }
    }
}
