using SecretBroker.Backends;

namespace SecretBroker.Vault.Internal;

// Login and renew-self: the two calls that change the token.
internal sealed partial class VaultSession
{
    private async Task<VaultTokenState> LoginAsync(CancellationToken cancellationToken)
    {
        if (!_bucket.TryTake(out TimeSpan wait))
        {
            throw VaultErrors.LoginRateLimited(_client.Backend, wait);
        }

        string jwt;
        try
        {
            // Re-read at every login: the kubelet rotates the projected token.
            jwt = (await File.ReadAllTextAsync(_tokenFile, cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (IOException e)
        {
            throw VaultErrors.TokenFileUnreadable(_client.Backend, _tokenFile, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw VaultErrors.TokenFileUnreadable(_client.Backend, _tokenFile, e);
        }

        if (jwt.Length == 0)
        {
            throw VaultErrors.TokenFileEmpty(_client.Backend, _tokenFile);
        }

        DateTimeOffset askedAt = _time.GetUtcNow();
        VaultReply reply = await _client.SendAsync(HttpMethod.Post, _loginPath, token: null, new VaultLoginRequest(_role, jwt), VaultJson.Default.VaultLoginRequest, cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            throw VaultErrors.FromStatus(_client.Backend, "POST", _loginPath, reply.Status, reply.RetryAfter);
        }

        if (reply.Envelope?.Auth is not { ClientToken: { Length: > 0 } clientToken } auth || auth.LeaseDuration < 0)
        {
            throw VaultErrors.NotAnEnvelope(_client.Backend, "POST", _loginPath);
        }

        int generation = (Current?.Generation ?? 0) + 1;
        TimeSpan ttl = TimeSpan.FromSeconds(auth.LeaseDuration);

        // A TTL of 0 is a root-like token that never expires: treat it as a long one that is never renewed.
        var token = new VaultTokenState(clientToken, generation, askedAt, ttl == TimeSpan.Zero ? TimeSpan.FromDays(3650) : ttl, ttl, auth.Renewable && ttl > TimeSpan.Zero, Capped: false);
        Volatile.Write(ref _token, token);
        Interlocked.Increment(ref _logins);
        return token;
    }

    /// <summary>Renews <paramref name="token"/>; <see langword="null"/> when Vault refused (the caller logs in); throws when Vault is unreachable or answers 5xx/429.</summary>
    private async Task<VaultTokenState?> TryRenewAsync(VaultTokenState token, CancellationToken cancellationToken)
    {
        DateTimeOffset askedAt = _time.GetUtcNow();
        VaultReply reply = await _client.SendAsync(
            HttpMethod.Post,
            "auth/token/renew-self",
            token.Token,
            new VaultRenewSelfRequest((long)token.LoginTtl.TotalSeconds),
            VaultJson.Default.VaultRenewSelfRequest,
            cancellationToken).ConfigureAwait(false);
        if ((int)reply.Status is 400 or 403)
        {
            return null;
        }

        if (!reply.IsSuccess)
        {
            throw VaultErrors.FromStatus(_client.Backend, "POST", "auth/token/renew-self", reply.Status, reply.RetryAfter);
        }

        // A lease_duration of 0 is a token at its max TTL (Vault rounds the capped remainder down): capped, log in again.
        if (reply.Envelope?.Auth is not { } auth || auth.LeaseDuration < 0)
        {
            throw VaultErrors.NotAnEnvelope(_client.Backend, "POST", "auth/token/renew-self");
        }

        TimeSpan ttl = TimeSpan.FromSeconds(auth.LeaseDuration);

        // Below what the login granted (Vault adds a warning too): the role's max TTL caps it, and this expiry is final.
        bool capped = ttl < token.LoginTtl - TimeSpan.FromSeconds(1) || ttl == TimeSpan.Zero || reply.Envelope.Warnings is { Count: > 0 };
        Interlocked.Increment(ref _renewals);
        return token with { ObtainedAt = askedAt, Ttl = ttl, Renewable = auth.Renewable, Capped = capped || !auth.Renewable };
    }
}
