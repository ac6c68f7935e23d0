namespace SecretBroker.Vault;

/// <summary>Configuration of one <see cref="VaultBackend"/> (<c>type: vault</c>). Validated when the backend is built.</summary>
public sealed class VaultOptions
{
    /// <summary>The default token file of the Kubernetes method: the pod's service-account token.</summary>
    public const string DefaultKubernetesTokenFile = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /// <summary>The default token file of the JWT method: a projected token with audience <c>vault</c>.</summary>
    public const string DefaultJwtTokenFile = "/var/run/secrets/vault/token";

    /// <summary>
    /// The Vault server (<c>address</c>), e.g. <c>https://vault.example:8200</c>. Required; <c>https</c> (plain http only
    /// to a loopback host: 127.0.0.0/8, ::1, localhost); no query or fragment.
    /// </summary>
    public Uri? Address { get; set; }

    /// <summary>The Enterprise/OpenBao namespace (<c>namespace</c>), sent as <c>X-Vault-Namespace</c> on every request; none by default.</summary>
    public string? Namespace { get; set; }

    /// <summary>
    /// A PEM bundle (<c>caFile</c>) trusted for this backend only, in addition to the system roots; must exist when the
    /// backend is built. Certificate validation is never disabled.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>The auth method (<c>auth.method</c>). Required.</summary>
    public VaultAuthMethod? AuthMethod { get; set; }

    /// <summary>The Vault role to log in as (<c>auth.role</c>). Required.</summary>
    public string? Role { get; set; }

    /// <summary>The auth method's mount path (<c>auth.mount</c>); default the method's name (<c>kubernetes</c> or <c>jwt</c>).</summary>
    public string? AuthMount { get; set; }

    /// <summary>
    /// The token presented at login (<c>auth.tokenFile</c>), re-read at every login because the kubelet rotates it; default
    /// <see cref="DefaultKubernetesTokenFile"/> or <see cref="DefaultJwtTokenFile"/>. Must exist when the backend is built.
    /// </summary>
    public string? TokenFile { get; set; }

    /// <summary>
    /// On a clean stop (dispose), revoke the dynamic leases read and the token (<c>revokeOnShutdown</c>), best effort and
    /// bounded in time. <see langword="false"/> by default.
    /// </summary>
    public bool RevokeOnShutdown { get; set; }

    /// <summary>Timeout of one Vault HTTP call (<c>requestTimeout</c>; 10 s by default, 1 s to 10 min); a timeout is a transient failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Where the login rate limit's bucket lives (not a config key); <see langword="null"/>: in memory, per backend. A host
    /// that restarts (the sidecar) can keep it on tmpfs so a crash loop shares one bucket.
    /// </summary>
    public IVaultLoginBucketStore? LoginBucket { get; set; }

    /// <summary>The mount actually used: <see cref="AuthMount"/> or the method's name.</summary>
    internal string EffectiveMount => string.IsNullOrWhiteSpace(AuthMount)
        ? (AuthMethod == VaultAuthMethod.Jwt ? "jwt" : "kubernetes")
        : AuthMount.Trim();

    /// <summary>The token file actually read: <see cref="TokenFile"/> or the method's default.</summary>
    internal string EffectiveTokenFile => string.IsNullOrWhiteSpace(TokenFile)
        ? (AuthMethod == VaultAuthMethod.Jwt ? DefaultJwtTokenFile : DefaultKubernetesTokenFile)
        : TokenFile;
}
