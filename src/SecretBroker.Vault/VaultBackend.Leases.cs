using System.Net;
using SecretBroker.Backends;
using SecretBroker.Vault.Internal;

namespace SecretBroker.Vault;

// Dynamic leases: renewed through sys/leases/renew while the token that read them is the current one; a lease of an
// older token (a re-login happened) or one near its own max TTL comes back with no duration, so the engine re-reads the
// whole group with the current token while the old lease still holds (overlap, never a revocation under the consumer).
public sealed partial class VaultBackend
{
    /// <inheritdoc />
    public async ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(lease);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var expired = new SecretLease(lease.Id, TimeSpan.Zero, Renewable: false);
        string key = GroupKey(GroupOf(secret));
        if (!_leases.TryGetValue(key, out LeaseRecord? record) || record.LeaseId != lease.Id)
        {
            return expired;
        }

        VaultTokenState token = await _session.TokenAsync(cancellationToken).ConfigureAwait(false);
        if (record.Generation != token.Generation)
        {
            return expired;
        }

        (VaultReply reply, VaultTokenState used) = await _session.SendAsync(
            HttpMethod.Put,
            "sys/leases/renew",
            new VaultLeaseRequest(lease.Id, (long)record.Increment.TotalSeconds),
            VaultJson.Default.VaultLeaseRequest,
            cancellationToken).ConfigureAwait(false);
        if (reply.Status == HttpStatusCode.BadRequest || used.Generation != record.Generation)
        {
            // The lease is gone (expired, revoked, or its token was): read afresh.
            return expired;
        }

        if (!reply.IsSuccess)
        {
            throw VaultErrors.FromStatus(_name, "PUT", "sys/leases/renew", reply.Status, reply.RetryAfter);
        }

        if (reply.Envelope is not { } envelope || envelope.LeaseDuration < 0)
        {
            throw VaultErrors.NotAnEnvelope(_name, "PUT", "sys/leases/renew");
        }

        TimeSpan granted = TimeSpan.FromSeconds(envelope.LeaseDuration);
        if (granted < record.Increment / 3)
        {
            // Capped near the lease's own max TTL: re-read now, while what is left of it covers the swap.
            return expired;
        }

        return Leased(lease.Id, Cap(granted, used, _time.GetUtcNow()), envelope.Renewable);
    }

    /// <summary>Revokes the leases read (the current one of each group) and the token, best effort.</summary>
    private async Task RevokeAllAsync(CancellationToken cancellationToken)
    {
        if (_session.Current is not { } token)
        {
            return;
        }

        foreach ((string key, LeaseRecord record) in _leases)
        {
            // Any token allowed sys/leases/revoke may revoke a lease, including one an older token of ours read.
            if (_leases.TryRemove(key, out _))
            {
                await _client.SendAsync(
                    HttpMethod.Put,
                    "sys/leases/revoke",
                    token.Token,
                    new VaultLeaseRequest(record.LeaseId),
                    VaultJson.Default.VaultLeaseRequest,
                    cancellationToken).ConfigureAwait(false);
            }
        }

        await _session.RevokeAsync(cancellationToken).ConfigureAwait(false);
    }
}
