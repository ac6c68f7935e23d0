using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SecretBroker.Emulators.Admin;
using SecretBroker.Emulators.Azure;
using SecretBroker.Emulators.Azure.Entra;
using SecretBroker.Emulators.Azure.KeyVault;
using SecretBroker.Emulators.Faults;
using SecretBroker.Emulators.Hosting;
using SecretBroker.Emulators.HuggingFace;
using SecretBroker.Emulators.Oidc;
using SecretBroker.Emulators.PodIdentity;
using SecretBroker.Emulators.S3;
using SecretBroker.Emulators.SecretsManager;
using SecretBroker.Emulators.Sessions;
using SecretBroker.Emulators.Sts;
using SecretBroker.Emulators.Vault;

namespace SecretBroker.Emulators;

/// <summary>
/// The local cloud: OIDC issuer, STS, Secrets Manager, Pod Identity agent, S3, the Hugging Face Hub's token
/// exchange, Entra's token endpoint, Key Vault, Vault and admin API, in one ASP.NET Core host with one Kestrel listener (own
/// loopback port) per service. One host rather than nine: one start and
/// stop, one shared state (sessions STS issues are what Secrets Manager checks) and fewer threads on small
/// machines; separate ports keep each wire exactly as clients expect (STS and Secrets Manager accept any path).
/// </summary>
public sealed class LocalCloud : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<ServiceKind, ListenOptions> _listeners;
    private readonly LocalCertificateAuthority _authority;

    private LocalCloud(WebApplication app, Dictionary<ServiceKind, ListenOptions> listeners, LocalCloudOptions options,
        OidcIssuer issuer, SecretStore secrets, SessionRegistry sessions, FaultInjector faults, RequestCounters counters,
        ProjectedTokenFile irsa, ProjectedTokenFile podIdentity, ObjectStore objects, ProjectedTokenFile huggingFace, TokenExchangeState hub, WhoAmIEndpoint whoAmI, LocalCertificateAuthority authority,
        AzureState azure, VaultState vault, ProjectedTokenFile vaultToken)
    {
        Azure = azure;
        Vault = vault;
        VaultToken = vaultToken;
        _authority = authority;
        Objects = objects;
        _app = app;
        _listeners = listeners;
        Options = options;
        Issuer = issuer;
        Secrets = secrets;
        Sessions = sessions;
        Faults = faults;
        Counters = counters;
        IrsaToken = irsa;
        PodIdentityToken = podIdentity;
        HuggingFaceToken = huggingFace;
        HubTokens = hub;
        HubWhoAmI = whoAmI;
    }

    public LocalCloudOptions Options { get; }
    public OidcIssuer Issuer { get; }
    public SecretStore Secrets { get; }
    public SessionRegistry Sessions { get; }
    public FaultInjector Faults { get; }
    public RequestCounters Counters { get; }

    /// <summary>The S3 emulator's buckets ("model files").</summary>
    public ObjectStore Objects { get; }

    /// <summary>The IRSA projected token volume (aud <c>sts.amazonaws.com</c>).</summary>
    public ProjectedTokenFile IrsaToken { get; }

    /// <summary>The Pod Identity agent's projected token volume (aud <c>pods.eks.amazonaws.com</c>).</summary>
    public ProjectedTokenFile PodIdentityToken { get; }

    /// <summary>The projected token volume for the Hub (aud <c>https://huggingface.co</c>).</summary>
    public ProjectedTokenFile HuggingFaceToken { get; }

    /// <summary>The Hub's token exchange: trust, lifetime, and the access tokens issued.</summary>
    public TokenExchangeState HubTokens { get; }

    /// <summary>The Hub's <c>/api/whoami-v2</c> on the same listener: tokens a test adds, and every live exchanged token.</summary>
    public WhoAmIEndpoint HubWhoAmI { get; }

    /// <summary>Entra and Key Vault: the vault's secrets and throttle, Entra's signing key, the Azure projected token.</summary>
    public AzureState Azure { get; }

    /// <summary>The Vault server's state: KV secrets, tokens, leases, the sealed flag.</summary>
    public VaultState Vault { get; }

    /// <summary>The projected token for Vault's kubernetes/jwt login (aud <c>vault</c>).</summary>
    public ProjectedTokenFile VaultToken { get; }

    /// <summary>
    /// The PEM file of the run's CA, which signed the HTTPS listeners' certificate (clients trust it through
    /// <c>SSL_CERT_FILE</c>, <c>AWS_CA_BUNDLE</c>, <c>NODE_EXTRA_CA_CERTS</c> and the like): made on every run, since
    /// Entra and Key Vault are always HTTPS.
    /// </summary>
    public string CaCertificatePath => _authority.CaCertificatePath;

    public Uri OidcUrl => Url(ServiceKind.Oidc);
    public Uri StsUrl => Url(ServiceKind.Sts);
    public Uri SecretsManagerUrl => Url(ServiceKind.SecretsManager);
    public Uri PodIdentityUrl => Url(ServiceKind.PodIdentity);
    public Uri PodIdentityCredentialsUri => new(PodIdentityUrl, "/v1/credentials");
    public Uri AdminUrl => Url(ServiceKind.Admin);
    public Uri S3Url => Url(ServiceKind.S3);
    public Uri HuggingFaceUrl => Url(ServiceKind.HuggingFace);

    /// <summary>Entra's authority host (<c>AZURE_AUTHORITY_HOST</c>), always HTTPS.</summary>
    public Uri EntraUrl => Url(ServiceKind.Entra);

    /// <summary>The Key Vault's URI, always HTTPS.</summary>
    public Uri KeyVaultUrl => Url(ServiceKind.KeyVault);

    /// <summary>The Vault server (<c>VAULT_ADDR</c>); HTTPS with <see cref="LocalCloudOptions.Tls"/>.</summary>
    public Uri VaultUrl => Url(ServiceKind.Vault);

    /// <summary>Path of <c>endpoints.json</c> in the state directory.</summary>
    public string EndpointsFile => Path.Combine(Options.StateDirectory, "endpoints.json");

    public Endpoints Endpoints => new()
    {
        OidcIssuer = Issuer.Issuer,
        Sts = StsUrl.ToString(),
        SecretsManager = SecretsManagerUrl.ToString(),
        PodIdentity = PodIdentityUrl.ToString(),
        PodIdentityCredentialsUri = PodIdentityCredentialsUri.ToString(),
        Admin = AdminUrl.ToString(),
        S3 = S3Url.ToString(),
        HuggingFace = HuggingFaceUrl.ToString(),
        EntraAuthorityHost = EntraUrl.ToString(),
        KeyVault = KeyVaultUrl.ToString(),
        Vault = VaultUrl.ToString(),
        AzureTenantId = Options.Entra.TenantId,
        AzureClientId = Options.Entra.ClientId,
        CaCertificate = CaCertificatePath,
        Region = Options.Region,
        AccountId = Options.AccountId,
        RoleArn = Options.RoleArn,
        ModelStoreRoleArn = Options.ModelStoreRoleArn,
        TokenFiles = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [IrsaToken.Name] = IrsaToken.Path,
            [PodIdentityToken.Name] = PodIdentityToken.Path,
            [HuggingFaceToken.Name] = HuggingFaceToken.Path,
            [Azure.Token.Name] = Azure.Token.Path,
            [VaultToken.Name] = VaultToken.Path,
        },
    };

    public static async Task<LocalCloud> StartAsync(LocalCloudOptions options, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            throw new ArgumentException("StateDirectory is required.", nameof(options));
        }

        options.StateDirectory = Path.GetFullPath(options.StateDirectory);
        Directory.CreateDirectory(options.StateDirectory);
        if (options.Sts.RoleTrust.Count == 0)
        {
            options.Sts.RoleTrust[options.RoleArn] = [options.IrsaToken.Subject];
        }

        if (options.Sts.AssumeRoleTrust.Count == 0)
        {
            options.Sts.AssumeRoleTrust[options.ModelStoreRoleArn] = [options.RoleArn];
        }

        if (options.HuggingFace.ResourceTrust.Count == 0)
        {
            options.HuggingFace.ResourceTrust["acme/llama-ft"] = [options.HuggingFaceToken.Subject];
            options.HuggingFace.ResourceTrust["acme"] = [options.HuggingFaceToken.Subject];
        }

        if (options.Entra.FederatedCredentials.Count == 0)
        {
            options.Entra.FederatedCredentials[options.Entra.ClientId] = [new FederatedCredential(null, options.AzureToken.Subject)];
        }

        var time = options.TimeProvider;
        var issuer = new OidcIssuer(time, "emulator-" + Guid.NewGuid().ToString("N")[..8]);
        var secrets = new SecretStore(time, options.Region, options.AccountId);
        var sessions = new SessionRegistry(time);
        var faults = new FaultInjector();
        var counters = new RequestCounters(time);
        var objects = new ObjectStore(time);
        var validator = new JwtValidator(issuer, time);
        var tokenRoot = Path.Combine(options.StateDirectory, "tokens");
        var irsa = new ProjectedTokenFile("irsa", Path.Combine(tokenRoot, "irsa"), "token", options.IrsaToken, issuer, time);
        var podToken = new ProjectedTokenFile("pod-identity", Path.Combine(tokenRoot, "pod-identity"), "eks-pod-identity-token", options.PodIdentityToken, issuer, time);
        var hfToken = new ProjectedTokenFile("huggingface", Path.Combine(tokenRoot, "huggingface"), "token", options.HuggingFaceToken, issuer, time);
        var azure = new AzureState(options, new ProjectedTokenFile("azure", Path.Combine(tokenRoot, "azure"), "azure-identity-token", options.AzureToken, issuer, time));
        var vaultToken = new ProjectedTokenFile("vault", Path.Combine(tokenRoot, "vault"), "token", options.VaultToken, issuer, time);
        var vault = new VaultState(options.Vault, time);
        var hub = new TokenExchangeState(options.HuggingFace, time);
        // The Hub's whoami knows the tokens added for a test and every live token the exchange issued.
        var whoAmI = new WhoAmIEndpoint(token => hub.FindLive(token) is { } issued ? new WhoAmIAccount(issued.Resource.Split('/')[0], "oidc:" + issued.Subject, "read") : null);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = options.StateDirectory, Args = [] });
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        var listeners = new Dictionary<ServiceKind, ListenOptions>();
        var authority = LocalCertificateAuthority.Create(options.StateDirectory);
        builder.WebHost.ConfigureKestrel(k =>
        {
            void Listen(ServiceKind kind, int port) => k.Listen(IPAddress.Loopback, port, l =>
            {
                listeners[kind] = l;
                if (IsTlsService(kind, options.Tls))
                {
                    l.UseHttps(authority.ServerCertificate);
                }
            });
            Listen(ServiceKind.Oidc, options.OidcPort);
            Listen(ServiceKind.Sts, options.StsPort);
            Listen(ServiceKind.SecretsManager, options.SecretsManagerPort);
            Listen(ServiceKind.PodIdentity, options.PodIdentityPort);
            Listen(ServiceKind.Admin, options.AdminPort);
            Listen(ServiceKind.S3, options.S3Port);
            Listen(ServiceKind.HuggingFace, options.HuggingFacePort);
            Listen(ServiceKind.Entra, options.EntraPort);
            Listen(ServiceKind.KeyVault, options.KeyVaultPort);
            Listen(ServiceKind.Vault, options.VaultPort);
        });

        var app = builder.Build();
        LocalCloud? cloud = null;
        var tokens = new Dictionary<string, ProjectedTokenFile>(StringComparer.Ordinal) { [irsa.Name] = irsa, [podToken.Name] = podToken, [hfToken.Name] = hfToken, [azure.Token.Name] = azure.Token, [vaultToken.Name] = vaultToken };
        var handlers = new Dictionary<ServiceKind, Func<HttpContext, Task>>
        {
            [ServiceKind.Oidc] = new OidcEndpoint(issuer).HandleAsync,
            [ServiceKind.Sts] = new StsEndpoint(options.Sts, validator, sessions, issuer, counters, options.AccountId,
                new AssumeRoleOperation(options.Sts, new SigV4Verifier(sessions, time, "sts"), sessions, options.AccountId)).HandleAsync,
            [ServiceKind.SecretsManager] = new SecretsManagerEndpoint(secrets, new SigV4Verifier(sessions, time, "secretsmanager"), faults, counters, time).HandleAsync,
            [ServiceKind.PodIdentity] = new PodIdentityEndpoint(options.PodIdentity, podToken, validator, sessions, counters, options.AccountId).HandleAsync,
            [ServiceKind.Admin] = new AdminEndpoint(secrets, tokens, faults, counters, sessions, () => cloud!.Endpoints, new S3Admin(objects), new TokenExchangeAdmin(hub),
                new AzureAdmin(azure.Vault, options.KeyVault, azure.Throttle, options.Entra, () => issuer.Issuer), new VaultAdmin(vault)).HandleAsync,
            [ServiceKind.S3] = new S3Endpoint(objects, new SigV4Verifier(sessions, time, "s3", allowUnsignedPayload: true), faults, counters, time).HandleAsync,
            [ServiceKind.HuggingFace] = new HubListener(new TokenExchangeEndpoint(hub, validator, faults, counters, time), whoAmI).HandleAsync,
            [ServiceKind.Entra] = new EntraTokenEndpoint(options.Entra, () => cloud!.EntraUrl,
                new FederatedAssertionCheck(() => issuer.Issuer, validator, time), azure.AccessTokens, azure.TokenRequests, faults, counters, time).HandleAsync,
            [ServiceKind.KeyVault] = new KeyVaultEndpoint(new KeyVaultOperations(azure.Vault, options.KeyVault, time), azure.Throttle,
                new BearerValidator(azure.AccessTokens, () => options.Entra.TenantId, time),
                () => cloud!.EntraUrl + options.Entra.TenantId, faults, counters, time).HandleAsync,
            [ServiceKind.Vault] = new VaultEndpoint(vault, new VaultAuthOperations(vault, validator), new VaultSecretOperations(vault), faults, counters, time).HandleAsync,
        };
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SecretBroker.Emulators");
        app.Run(async context =>
        {
            var kind = listeners.First(l => l.Value.IPEndPoint?.Port == context.Connection.LocalPort).Key;
            await handlers[kind](context);
            if (options.LogRequests)
            {
                Log.Request(logger, kind, context.Request.Method, context.Request.Path, context.Response.StatusCode);
            }
        });

        await app.StartAsync(cancellationToken);
        cloud = new LocalCloud(app, listeners, options, issuer, secrets, sessions, faults, counters, irsa, podToken, objects, hfToken, hub, whoAmI, authority, azure, vault, vaultToken);
        issuer.Issuer = cloud.OidcUrl.ToString().TrimEnd('/');
        irsa.Rotate();
        podToken.Rotate();
        hfToken.Rotate();
        azure.Token.Rotate();
        vaultToken.Rotate();
        await cloud.WriteEndpointsFileAsync(cancellationToken);
        return cloud;
    }

    /// <summary>Completes when the host stops (SIGTERM/SIGINT in the standalone process).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Issuer.Dispose();
        Azure.Dispose();
        _authority.Dispose();
    }

    // The services a client reaches over the internet in real life, with --tls; Entra and Key Vault always (the Azure
    // SDKs refuse http before sending anything). The Pod Identity agent (plain http on a link-local address), the
    // OIDC issuer (fetched by the emulators themselves) and the admin API stay http.
    private static bool IsTlsService(ServiceKind kind, bool tls) =>
        kind is ServiceKind.Entra or ServiceKind.KeyVault || (tls && kind is ServiceKind.Sts or ServiceKind.SecretsManager or ServiceKind.S3 or ServiceKind.HuggingFace or ServiceKind.Vault);

    private Uri Url(ServiceKind kind) =>
        new($"{(IsTlsService(kind, Options.Tls) ? "https" : "http")}://127.0.0.1:{_listeners[kind].IPEndPoint!.Port}/");

    private async Task WriteEndpointsFileAsync(CancellationToken cancellationToken)
    {
        // Written aside then renamed, so a process waiting for the file never reads half of it.
        var temp = EndpointsFile + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(Endpoints, JsonOptions), cancellationToken);
        File.Move(temp, EndpointsFile, overwrite: true);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
}
