using SecretBroker.Azure.Internal;
using SecretBroker.Backends;

namespace SecretBroker.Azure;

/// <summary>Probing: no request in get mode; the paged <c>GET /secrets</c> listing in list mode.</summary>
public sealed partial class AzureKeyVaultBackend
{
    /// <inheritdoc />
    /// <remarks>
    /// A pinned version already read (and not expired since) is confirmed without a request in both modes. Otherwise,
    /// in <see cref="AzureRefreshMode.Get"/> the answer is "unknown" (the fetch reads it); in
    /// <see cref="AzureRefreshMode.List"/> the listing's <c>updated</c> time is compared with the one last read: the
    /// same (and settled, see the package README) confirms the version, anything else is "unknown". A transient
    /// listing failure (throttling, 5xx, network) fails the whole probe so the engine backs off; a permanent one (the
    /// identity may read secrets but not list them) answers "unknown" so every secret is read as in get mode.
    /// </remarks>
    public async ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        IReadOnlyDictionary<string, VaultListing>? listing = null;
        if (RefreshMode == AzureRefreshMode.List && secrets.Any(static s => s.Version is null))
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

        DateTimeOffset now = _time.GetUtcNow();
        var results = new List<SecretVersionProbe>(secrets.Count);
        foreach (SecretDefinition secret in secrets)
        {
            SeenVersion? seen = _seen.GetValueOrDefault((secret.Id, secret.Version));
            string? version = secret.Version is not null
                ? seen is not null && !(seen.Expires <= now) ? seen.Version : null
                : seen is { Settled: true } && listing is not null && listing.TryGetValue(secret.Id, out VaultListing? listed)
                    && listed.Enabled != false && listed.Updated == seen.Updated && !(seen.Expires <= now) ? seen.Version
                : null;
            results.Add(new SecretVersionProbe(secret.Name, version));
        }

        return results;
    }
}
