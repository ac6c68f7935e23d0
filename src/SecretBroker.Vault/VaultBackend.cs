using System.Collections.Concurrent;
using System.Globalization;
using SecretBroker.Backends;
using SecretBroker.Vault.Internal;

namespace SecretBroker.Vault;

/// <summary>
/// Secrets from HashiCorp Vault (or OpenBao) over a thin REST client. <see cref="SecretDefinition.Id"/> is the Vault API
/// path: <c>&lt;mount&gt;/data/&lt;path&gt;</c> is KV v2 (probed with <c>metadata/…</c> <c>current_version</c>, version
/// = the KV version number; <see cref="SecretDefinition.Version"/> pins one), anything else a plain read: a dynamic
/// secret when it answers a <c>lease_id</c> (a <see cref="SecretLease"/>, renewed through <c>sys/leases/renew</c>),
/// else KV v1 (version = a keyed content hash). <see cref="SecretDefinition.Key"/> extracts one field of the data.
/// </summary>
/// <remarks>
/// Logs in with the Kubernetes or JWT method and keeps the token alive (see the package README: renew at two thirds of
/// the TTL, a new login before max TTL, one re-login after a revoked token, logins rate-limited). No retries of its own:
/// the refresh engine owns them and honours <see cref="SecretBackendException.RetryAfter"/>. One HTTP client per
/// instance: dispose the backend to release it (and, with <see cref="VaultOptions.RevokeOnShutdown"/>, revoke).
/// </remarks>
public sealed partial class VaultBackend : ISecretBackend, IDisposable, IAsyncDisposable
{
    /// <summary>The most read groups one call carries; a call's reads are sequential and stop at the first transient failure.</summary>
    public const int MaxBatchSize = 100;

    /// <summary>How long disposal may spend revoking (with <see cref="VaultOptions.RevokeOnShutdown"/>).</summary>
    internal static readonly TimeSpan RevokeBudget = TimeSpan.FromSeconds(5);

    private static readonly SecretBackendCapabilities Supported = new(MaxBatchSize, SupportsProbe: true, SupportsLeaseRenewal: true);

    private readonly VaultClient _client;
    private readonly VaultSession _session;
    private readonly TimeProvider _time;
    private readonly ContentHash _hash;
    private readonly bool _revokeOnShutdown;
    private readonly string _name;

    // The current dynamic lease of each read group (one per group: a re-read replaces it), for renewal and revocation.
    private readonly ConcurrentDictionary<string, LeaseRecord> _leases = new(StringComparer.Ordinal);

    // Pinned KV v2 versions already read: a pinned version never changes, so its probe needs no request.
    private readonly ConcurrentDictionary<(string Id, string Version), byte> _pinnedRead = new();

    // KV v2 paths whose metadata the token may not read: probed as unknown without asking again.
    private readonly ConcurrentDictionary<string, byte> _metadataDenied = new(StringComparer.Ordinal);
    private int _disposed;

    /// <summary>Entries of the backend's own state (leases, pinned reads, denied metadata): bounded by the configured read groups, never by attempts.</summary>
    internal int TrackedStateCount => _leases.Count + _pinnedRead.Count + _metadataDenied.Count;

    /// <summary>Creates the backend from options (named <c>vault</c> in messages).</summary>
    /// <param name="options">Address, auth method and role (required), and the rest.</param>
    /// <exception cref="SecretBackendSetupException">The options are invalid, or the CA bundle or token file does not exist.</exception>
    public VaultBackend(VaultOptions options)
        : this(options, "vault", versionKey: null)
    {
    }

    internal VaultBackend(VaultOptions options, string name, Func<ReadOnlyMemory<byte>>? versionKey)
        : this(options, name, versionKey, handler: null, TimeProvider.System)
    {
    }

    /// <summary>The seam tests use: the innermost HTTP handler (null: the CA-aware sockets handler) and a clock.</summary>
    internal VaultBackend(VaultOptions options, string name, Func<ReadOnlyMemory<byte>>? versionKey, HttpMessageHandler? handler, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(time);
        if (VaultBackendType.Instance.Validator.Problems(options).FirstOrDefault() is { } problem)
        {
            throw new SecretBackendSetupException($"vault backend '{name}': {problem}");
        }

        string tokenFile = options.EffectiveTokenFile;
        if (options.CaFile is { } caFile && !File.Exists(caFile))
        {
            throw new SecretBackendSetupException($"vault backend '{name}': {VaultSettingMessages.FileMissing("caFile", caFile)}");
        }

        if (!File.Exists(tokenFile))
        {
            throw new SecretBackendSetupException($"vault backend '{name}': {VaultSettingMessages.FileMissing("auth.tokenFile", tokenFile)}");
        }

        try
        {
            handler ??= VaultTls.Handler(options.CaFile, options.RequestTimeout);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new SecretBackendSetupException($"vault backend '{name}': caFile: '{options.CaFile}' holds no readable PEM certificate", e);
        }

        _name = name;
        _time = time;
        _client = new VaultClient(handler, options.Address!, options.Namespace, options.RequestTimeout, time, name);
        _session = new VaultSession(_client, new LoginBucket(options.LoginBucket ?? new InMemoryLoginBucketStore(), time), time, options.EffectiveMount, options.Role!.Trim(), tokenFile);
        _hash = new ContentHash(versionKey?.Invoke() ?? ReadOnlyMemory<byte>.Empty);
        _revokeOnShutdown = options.RevokeOnShutdown;
        Address = options.Address!;
        Namespace = string.IsNullOrWhiteSpace(options.Namespace) ? null : options.Namespace.Trim('/');
        AuthMethod = options.AuthMethod!.Value;
        AuthMount = options.EffectiveMount;
        Role = options.Role.Trim();
    }

    /// <inheritdoc />
    public SecretBackendCapabilities Capabilities => Supported;

    /// <summary>The Vault server.</summary>
    public Uri Address { get; }

    /// <summary>The namespace sent as <c>X-Vault-Namespace</c>, if any.</summary>
    public string? Namespace { get; }

    /// <summary>The auth method.</summary>
    public VaultAuthMethod AuthMethod { get; }

    /// <summary>The auth method's mount path.</summary>
    public string AuthMount { get; }

    /// <summary>The role logged in as.</summary>
    public string Role { get; }

    /// <summary>The current token's remaining TTL, or <see langword="null"/> before the first login.</summary>
    public TimeSpan? TokenTtl => _session.Current?.Remaining(_time.GetUtcNow());

    /// <summary>Whether the current token is renewable, or <see langword="null"/> before the first login.</summary>
    public bool? TokenRenewable => _session.Current is { } token ? token.Renewable && !token.Capped : null;

    /// <summary>For <c>check</c>: address, namespace, auth method, mount, role, and the token's TTL when logged in. Never a token.</summary>
    internal string Description
    {
        get
        {
            string method = AuthMethod == VaultAuthMethod.Jwt ? "jwt" : "kubernetes";
            string text = $"{Address} namespace={Namespace ?? "(root)"} auth={method} mount={AuthMount} role={Role}";
            return TokenTtl is { } ttl
                ? text + string.Create(CultureInfo.InvariantCulture, $" token-ttl={(long)ttl.TotalSeconds}s renewable={(TokenRenewable == true ? "yes" : "no")}")
                : text + " (not logged in)";
        }
    }

    /// <summary>The session, for tests.</summary>
    internal VaultSession Session => _session;

    /// <summary>Dynamic leases tracked (one per read group), for tests of bounded memory.</summary>
    internal int TrackedLeases => _leases.Count;

    /// <summary>Every entry the backend keeps (each bounded by the read groups configured), for tests of bounded memory.</summary>
    internal int TrackedState => _leases.Count + _pinnedRead.Count + _metadataDenied.Count;

    /// <summary>Releases the HTTP client; with <see cref="VaultOptions.RevokeOnShutdown"/>, revokes first (at most 5 s).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Releases the HTTP client; with <see cref="VaultOptions.RevokeOnShutdown"/>, revokes leases and the token first, best effort, at most 5 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_revokeOnShutdown)
        {
            using var budget = new CancellationTokenSource(RevokeBudget);
            try
            {
                await RevokeAllAsync(budget.Token).ConfigureAwait(false);
            }
            catch (SecretBackendException)
            {
                // Best effort: Vault's own TTLs end what could not be revoked.
            }
            catch (OperationCanceledException)
            {
                // Out of time.
            }
        }

        _session.Dispose();
        _client.Dispose();
    }

    private static (string Id, string? Version) GroupOf(SecretDefinition secret) => (secret.Id, secret.Version);

    private static string GroupKey((string Id, string? Version) group) => group.Version is null ? group.Id : group.Id + "?version=" + group.Version;
}
