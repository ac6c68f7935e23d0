using System.Globalization;
using System.Net;
using System.Text.Json;
using SecretBroker.Backends;
using SecretBroker.Vault.Internal;

namespace SecretBroker.Vault;

// Reads: each (id, version) once per call, serving every definition of its read group from that one read, so the
// fields of one lease or one KV version are published together. A transient failure ends the call's requests: the
// groups not yet read fail with it (after a 429 or a seal nothing more reaches Vault before the engine's backoff).
public sealed partial class VaultBackend
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var results = new List<SecretFetchResult>(secrets.Count);
        SecretBackendException? stop = null;
        foreach (IGrouping<(string Id, string? Version), SecretDefinition> group in secrets.GroupBy(GroupOf))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (stop is not null)
            {
                results.AddRange(group.Select(secret => SecretFetchResult.Failure(secret.Name, stop)));
                continue;
            }

            VaultRead read;
            try
            {
                read = await ReadAsync(group.Key, cancellationToken).ConfigureAwait(false);
            }
            catch (SecretBackendException e)
            {
                stop = e.Kind == SecretErrorKind.Transient ? e : null;
                results.AddRange(group.Select(secret => SecretFetchResult.Failure(secret.Name, e)));
                continue;
            }

            foreach (SecretDefinition secret in group)
            {
                results.Add(Serve(secret, read));
            }
        }

        return results;
    }

    private SecretFetchResult Serve(SecretDefinition secret, VaultRead read)
    {
        byte[] value;
        try
        {
            value = secret.Key is null ? read.Data : SecretJsonField.Extract(read.Data, $"vault backend '{_name}'", secret.Id, secret.Key);
        }
        catch (SecretBackendException e)
        {
            return SecretFetchResult.Failure(secret.Name, e);
        }

        return SecretFetchResult.Success(secret.Name, value, read.Version ?? _hash.Of(value), read.Lease);
    }

    private async Task<VaultRead> ReadAsync((string Id, string? Version) group, CancellationToken cancellationToken)
    {
        VaultPath path = VaultPath.Parse(group.Id);
        string request = path.IsKv2 ? path.DataPath(group.Version) : group.Id;
        (VaultReply reply, VaultTokenState token) = await _session.SendAsync(HttpMethod.Get, Escape(request), cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = _time.GetUtcNow();
        if (!reply.IsSuccess)
        {
            throw VaultErrors.FromStatus(_name, "GET", group.Id, reply.Status, reply.RetryAfter);
        }

        if (reply.Status == HttpStatusCode.NoContent || reply.Envelope is not { } envelope)
        {
            throw VaultErrors.FromStatus(_name, "GET", group.Id, HttpStatusCode.NotFound, null);
        }

        if (path.IsKv2)
        {
            // {"data":{"data":{…},"metadata":{"version":N,…}}}
            if (envelope.Data.ValueKind != JsonValueKind.Object
                || !envelope.Data.TryGetProperty("data", out JsonElement data)
                || !envelope.Data.TryGetProperty("metadata", out JsonElement metadata)
                || metadata.ValueKind != JsonValueKind.Object
                || !metadata.TryGetProperty("version", out JsonElement number)
                || number.ValueKind != JsonValueKind.Number
                || !number.TryGetInt64(out long version))
            {
                throw VaultErrors.NotAnEnvelope(_name, "GET", group.Id);
            }

            if (data.ValueKind != JsonValueKind.Object)
            {
                // A deleted or destroyed version: data.data is null.
                throw VaultErrors.FromStatus(_name, "GET", group.Id, HttpStatusCode.NotFound, null);
            }

            if (group.Version is { } pinned)
            {
                _pinnedRead.TryAdd((group.Id, pinned), 0);
            }

            return new VaultRead(Compact(data), version.ToString(CultureInfo.InvariantCulture), null);
        }

        if (envelope.Data.ValueKind != JsonValueKind.Object)
        {
            throw VaultErrors.NotAnEnvelope(_name, "GET", group.Id);
        }

        if (string.IsNullOrEmpty(envelope.LeaseId))
        {
            // KV v1 or another static read: lease_duration is only a refresh hint.
            return new VaultRead(Compact(envelope.Data), null, null);
        }

        TimeSpan granted = TimeSpan.FromSeconds(Math.Max(0, envelope.LeaseDuration));
        TimeSpan usable = Cap(granted, token, now);
        if (usable < MinimumUsableLease)
        {
            // The token that read it (and so the credential) dies within a second: publishing it would hand the app a
            // credential Vault revokes at once (the read left before the token's re-login point and came back after it).
            // Transient: the engine's retry logs in again first and reads a credential of the new token.
            throw VaultErrors.ReadWithDyingToken(_name, group.Id);
        }

        _leases[GroupKey(group)] = new LeaseRecord(envelope.LeaseId, group, token.Generation, granted);
        var lease = Leased(envelope.LeaseId, usable, envelope.Renewable);
        return new VaultRead(Compact(envelope.Data), null, lease);
    }

    /// <summary>
    /// A dynamic secret's lease schedules its own renewal, at two thirds of what it grants less a 10–20 % jitter
    /// (Vault's LifetimeWatcher renews at about that point): the secret's <c>refresh</c> interval does not apply, since renewing sooner only
    /// costs Vault requests (every 5 min instead of every 40 for a 1 h lease) and re-reading mints another credential.
    /// </summary>
    /// <remarks>Each lease is renewed 10–20 % before that point, drawn per lease as the LifetimeWatcher draws its grace,
    /// so pods that read their leases together do not renew them together.</remarks>
    private static SecretLease Leased(string id, TimeSpan duration, bool renewable) =>
        new(id, duration, renewable) { RefreshAhead = duration / 3, RenewEarly = 0.1 + (0.1 * Random.Shared.NextDouble()) };

    /// <summary>Less than this left of the token that read a dynamic secret: the read is retried with a new token.</summary>
    internal static readonly TimeSpan MinimumUsableLease = TimeSpan.FromSeconds(1);

    /// <summary>A lease never outlives the token that read it (Vault revokes it with the token): its duration is capped there.</summary>
    private static TimeSpan Cap(TimeSpan granted, VaultTokenState token, DateTimeOffset now)
    {
        TimeSpan left = token.Remaining(now);
        return granted < left ? granted : left;
    }

    private static byte[] Compact(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>Escapes each segment of a path (its <c>?version=N</c> kept as the query).</summary>
    private static string Escape(string path)
    {
        int query = path.IndexOf('?', StringComparison.Ordinal);
        string route = query < 0 ? path : path[..query];
        string escaped = string.Join('/', route.Split('/').Select(Uri.EscapeDataString));
        return query < 0 ? escaped : escaped + path[query..];
    }
}
