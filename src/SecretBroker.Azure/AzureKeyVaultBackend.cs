using System.Collections.Concurrent;

using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;

using SecretBroker.Azure.Internal;
using SecretBroker.Backends;

namespace SecretBroker.Azure;

/// <summary>
/// Secrets from Azure Key Vault, read with Entra workload identity through the official <see cref="SecretClient"/>.
/// <see cref="SecretDefinition.Id"/> is the secret's name; <see cref="SecretDefinition.Version"/> an optional version
/// id (32 hex characters) to pin; <see cref="SecretDefinition.Key"/> one top-level field of a JSON value. The version
/// reported for a value is its Key Vault version id.
/// </summary>
/// <remarks>
/// Identity is resolved when the backend is created and fails closed; a bad vault URI also fails there. Neither the
/// credential nor the client retries: the refresh engine owns retries and backoff, honouring <c>Retry-After</c>. One
/// HTTP client per instance: dispose the backend to release it.
/// </remarks>
public sealed partial class AzureKeyVaultBackend : ISecretBackend, IDisposable, IAsyncDisposable
{
    /// <summary>
    /// The most read groups one call carries. Key Vault has no batch read: a call makes its GETs one after another and
    /// stops at the first 429. A large batch keeps a cycle to one probe call (one listing in list mode) and one fetch
    /// call, so after a 429 nothing more of that cycle reaches the vault before the engine's backoff.
    /// </summary>
    public const int MaxBatchSize = 1000;

    private static readonly SecretBackendCapabilities Probing = new(MaxBatchSize, SupportsProbe: true);

    private readonly HttpClient _http;
    private readonly KeyVaultReader _reader;
    private readonly ResolvedAzureIdentity _identity;
    private readonly TimeProvider _time;

    // What the last read of each (name, version selector) saw: the probe's memory of versions and `updated` times.
    private readonly ConcurrentDictionary<(string Name, string? Version), SeenVersion> _seen = new();

    // Reads the probe made for groups it could not confirm, for the fetch that follows (see ProbeRead).
    private readonly ConcurrentDictionary<(string Name, string? Version), ProbeRead> _probeReads = new();

    /// <summary>Creates the backend from options and the process environment.</summary>
    /// <param name="options">The vault URI (required), identity overrides and refresh mode.</param>
    /// <exception cref="ArgumentException">The vault URI or authority host is malformed, or plain http to a non-loopback host.</exception>
    /// <exception cref="InvalidOperationException">Workload identity's variables or token file are missing (the message names them).</exception>
    public AzureKeyVaultBackend(AzureKeyVaultOptions options)
        : this(options, AzureEnvironment.Process, new SocketsHttpHandler(), TimeProvider.System, credential: null)
    {
    }

    /// <summary>The seam tests use: an environment lookup, the innermost HTTP handler, a clock, and optionally a fixed credential.</summary>
    internal AzureKeyVaultBackend(AzureKeyVaultOptions options, Func<string, string?> environment, HttpMessageHandler inner, TimeProvider time, TokenCredential? credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(time);
        Uri vault = options.VaultUri ?? throw AzureErrors.BadSetting("vaultUri", AzureSettingMessages.Required);
        if (EndpointRules.VaultProblem(vault) is { } problem)
        {
            throw AzureErrors.BadSetting("vaultUri", problem);
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            throw AzureErrors.BadSetting("requestTimeout", AzureSettingMessages.TimeoutOutOfRange(options.RequestTimeout));
        }

        var http = new HttpClient(inner, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            var transport = new HttpClientTransport(http);
            _identity = credential is null
                ? new AzureIdentityResolver(options, environment, transport).Resolve()
                : new ResolvedAzureIdentity("identity supplied by the host", credential, Loopback: false);
            var clientOptions = new SecretClientOptions
            {
                Transport = transport,

                // The challenge names https://vault.azure.net as the resource; an emulator's loopback host is not under it.
                DisableChallengeResourceVerification = KeyVaultNames.IsLoopback(vault),
            };
            clientOptions.Retry.MaxRetries = 0;
            clientOptions.Retry.NetworkTimeout = options.RequestTimeout;
            _reader = new KeyVaultReader(new SecretClient(vault, _identity.Credential, clientOptions), time, options.RequestTimeout);
        }
        catch
        {
            http.Dispose();
            throw;
        }

        _http = http;
        _time = time;
        VaultUri = vault;
        RefreshMode = options.RefreshMode;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Both modes probe first, and the probe's reads serve the fetch that follows: in <see cref="AzureRefreshMode.Get"/>
    /// the probe is one GET per secret (none for a pinned version already read); in <see cref="AzureRefreshMode.List"/>
    /// it is the vault's listing plus a GET only for what the listing shows moved.
    /// </remarks>
    public SecretBackendCapabilities Capabilities => Probing;

    /// <summary>What authenticates: mode, client id, tenant, token file and authority (or the fallback and why). Never a token.</summary>
    public string Identity => _identity.Description;

    /// <summary>The vault read.</summary>
    public Uri VaultUri { get; }

    /// <summary>The refresh mode in force.</summary>
    public AzureRefreshMode RefreshMode { get; }

    /// <inheritdoc />
    public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <summary>Releases the HTTP client.</summary>
    public void Dispose() => _http.Dispose();

    /// <summary>Releases the HTTP client.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
