using System.Globalization;
using System.Net;
using System.Text.Json;
using SecretBroker.Backends;
using SecretBroker.Vault.Internal;

namespace SecretBroker.Vault;

// The probe: KV v2's metadata current_version (one GET per path, none for a pinned version already read); KV v1 and
// dynamic paths have nothing cheaper than a read, so they probe as unknown (the engine fetches them; leased values are
// renewed, not probed).
public sealed partial class VaultBackend
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var results = new List<SecretVersionProbe>(secrets.Count);
        foreach (IGrouping<(string Id, string? Version), SecretDefinition> group in secrets.GroupBy(GroupOf))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? version = await ProbeAsync(group.Key, cancellationToken).ConfigureAwait(false);
            results.AddRange(group.Select(secret => new SecretVersionProbe(secret.Name, version)));
        }

        return results;
    }

    private async Task<string?> ProbeAsync((string Id, string? Version) group, CancellationToken cancellationToken)
    {
        VaultPath path = VaultPath.Parse(group.Id);
        if (!path.IsKv2)
        {
            return null;
        }

        if (group.Version is { } pinned)
        {
            return _pinnedRead.ContainsKey((group.Id, pinned)) ? pinned : null;
        }

        if (_metadataDenied.ContainsKey(group.Id))
        {
            return null;
        }

        (VaultReply reply, _) = await _session.SendAsync(HttpMethod.Get, Escape(path.MetadataPath), cancellationToken).ConfigureAwait(false);
        if (reply.Status == HttpStatusCode.Forbidden)
        {
            // Policies often grant data/ but not metadata/: fall back to reading, and stop asking.
            _metadataDenied.TryAdd(group.Id, 0);
            return null;
        }

        if (reply.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!reply.IsSuccess)
        {
            throw VaultErrors.FromStatus(_name, "GET", path.MetadataPath, reply.Status, reply.RetryAfter);
        }

        if (reply.Envelope is not { Data.ValueKind: JsonValueKind.Object } envelope
            || !envelope.Data.TryGetProperty("current_version", out JsonElement current)
            || current.ValueKind != JsonValueKind.Number
            || !current.TryGetInt64(out long version))
        {
            throw VaultErrors.NotAnEnvelope(_name, "GET", path.MetadataPath);
        }

        return version > 0 ? version.ToString(CultureInfo.InvariantCulture) : null;
    }
}
