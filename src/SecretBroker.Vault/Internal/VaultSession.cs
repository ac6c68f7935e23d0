using System.Net;
using SecretBroker.Backends;

namespace SecretBroker.Vault.Internal;

/// <summary>
/// The Vault token of one backend and its lifecycle, on a <see cref="TimeProvider"/>: login (kubernetes or jwt, the
/// token file re-read each time), <c>renew-self</c> at two thirds of the TTL while renewable, a new login at two thirds
/// of the remaining life once a renewal comes back capped (the old token keeps serving meanwhile, so its leases overlap
/// with the new ones), one re-login after a 403 that the token itself caused, and every login rate-limited by a
/// <see cref="LoginBucket"/>. Driven by the backend's calls (no timer of its own): the engine calls at least every lease
/// renewal, and a lease is never reported longer than the token that read it lives.
/// </summary>
internal sealed partial class VaultSession : IDisposable
{
    private readonly VaultClient _client;
    private readonly LoginBucket _bucket;
    private readonly TimeProvider _time;
    private readonly string _loginPath;
    private readonly string _role;
    private readonly string _tokenFile;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private VaultTokenState? _token;
    private long _logins;
    private long _renewals;

    public VaultSession(VaultClient client, LoginBucket bucket, TimeProvider time, string mount, string role, string tokenFile)
    {
        _client = client;
        _bucket = bucket;
        _time = time;
        _loginPath = $"auth/{mount}/login";
        _role = role;
        _tokenFile = tokenFile;
    }

    /// <summary>The token now (null before the first login).</summary>
    public VaultTokenState? Current => Volatile.Read(ref _token);

    /// <summary>Logins made (successful ones).</summary>
    public long Logins => Interlocked.Read(ref _logins);

    /// <summary>Successful <c>renew-self</c> calls.</summary>
    public long Renewals => Interlocked.Read(ref _renewals);

    /// <summary>The token to use now, logging in or renewing first when due.</summary>
    public async ValueTask<VaultTokenState> TokenAsync(CancellationToken cancellationToken)
    {
        VaultTokenState? token = Current;
        if (token is not null && _time.GetUtcNow() < token.ActAt)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            token = Current;
            DateTimeOffset now = _time.GetUtcNow();
            if (token is not null && now < token.ActAt)
            {
                return token;
            }

            if (token is not null && now < token.ExpiresAt && token.Renewable && !token.Capped)
            {
                VaultTokenState? renewed;
                try
                {
                    renewed = await TryRenewAsync(token, cancellationToken).ConfigureAwait(false);
                }
                catch (SecretBackendException)
                {
                    // Unreachable for now: the token still lives, and the next call tries again (no login while Vault is down).
                    return token;
                }

                if (renewed is not null)
                {
                    Volatile.Write(ref _token, renewed);

                    // Capped: its ActAt (two thirds of what is left) is the new login's time, later than now.
                    if (_time.GetUtcNow() < renewed.ActAt)
                    {
                        return renewed;
                    }

                    token = renewed;
                }
            }

            try
            {
                return await LoginAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SecretBackendException e) when (e.Kind == SecretErrorKind.Transient && token is not null && _time.GetUtcNow() < token.ExpiresAt)
            {
                // The old token still lives: keep serving with it and try again at the next call.
                return token;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Forgets <paramref name="token"/> after Vault refused it (revoked) and logs in once; another caller's newer login
    /// is used instead of minting a second one.
    /// </summary>
    public async ValueTask<VaultTokenState> ReplaceAsync(VaultTokenState token, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Current is { } current && current.Token != token.Token)
            {
                return current;
            }

            return await LoginAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Sends an authenticated request. A 403 is checked with <c>lookup-self</c>: when the token itself is dead (revoked),
    /// one login and one retry follow, never more; otherwise the 403 is the path's (permission denied) and is returned.
    /// </summary>
    public async Task<(VaultReply Reply, VaultTokenState Token)> SendAsync<TBody>(HttpMethod method, string path, TBody? body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TBody>? bodyType, CancellationToken cancellationToken)
        where TBody : class
    {
        VaultTokenState token = await TokenAsync(cancellationToken).ConfigureAwait(false);
        VaultReply reply = await _client.SendAsync(method, path, token.Token, body, bodyType, cancellationToken).ConfigureAwait(false);
        if (reply.Status != HttpStatusCode.Forbidden)
        {
            return (reply, token);
        }

        VaultReply self = await _client.SendAsync(HttpMethod.Get, "auth/token/lookup-self", token.Token, cancellationToken).ConfigureAwait(false);
        if (self.IsSuccess)
        {
            return (reply, token);
        }

        if (self.Status != HttpStatusCode.Forbidden)
        {
            throw VaultErrors.TokenCheckFailed(_client.Backend, path.Split('?')[0]);
        }

        token = await ReplaceAsync(token, cancellationToken).ConfigureAwait(false);
        reply = await _client.SendAsync(method, path, token.Token, body, bodyType, cancellationToken).ConfigureAwait(false);
        return (reply, token);
    }

    public Task<(VaultReply Reply, VaultTokenState Token)> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken) =>
        SendAsync<VaultLeaseRequest>(method, path, null, null, cancellationToken);

    /// <summary>Revokes the current token (<c>revoke-self</c>), best effort; its leases die with it.</summary>
    public async Task RevokeAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _token, null) is { } token)
        {
            await _client.SendAsync(HttpMethod.Post, "auth/token/revoke-self", token.Token, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _gate.Dispose();
}
