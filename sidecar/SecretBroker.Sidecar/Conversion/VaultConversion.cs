namespace SecretBroker.Sidecar.Conversion;

/// <summary>What a pod's Vault Agent annotations amount to in SecretBroker terms; <see cref="VaultConfigWriter"/> prints it.</summary>
internal sealed class VaultConversion
{
    /// <summary>The annotation prefix converted: <c>vault.hashicorp.com/</c> or <c>openbao.org/</c>.</summary>
    public required string Prefix { get; init; }

    /// <summary>The manifest, e.g. <c>Deployment web</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The backend's name in the config: <c>vault</c>, or <c>openbao</c>.</summary>
    public string BackendName => Prefix.StartsWith("openbao", StringComparison.Ordinal) ? "openbao" : "vault";

    /// <summary>Vault's address from <c>service</c>; <see langword="null"/>: not in the pod (the injector's own flag).</summary>
    public string? Address { get; set; }

    public string? Namespace { get; set; }

    public string? CaFile { get; set; }

    /// <summary>The Kubernetes Secret <c>tls-secret</c> names, mounted at /vault/tls for Vault Agent.</summary>
    public string? TlsSecret { get; set; }

    public string Method { get; set; } = "kubernetes";

    public string? Role { get; set; }

    public string? Mount { get; set; }

    public string? TokenFile { get; set; }

    public string? RequestTimeout { get; set; }

    public bool RevokeOnShutdown { get; set; }

    public bool PrePopulateOnly { get; set; }

    /// <summary>Where the files go: <c>secret-volume-path</c>, by default Vault Agent's /vault/secrets so the app is unchanged.</summary>
    public string Dir { get; set; } = VaultConversionDefaults.Dir;

    /// <summary>The one mode of every file, from the <c>agent-inject-perms-*</c> annotations; <see langword="null"/>: our default.</summary>
    public string? FileMode { get; set; }

    public List<ConvertedSecret> Secrets { get; } = [];

    /// <summary>Ignored annotations, each as <c>key: why</c>.</summary>
    public List<string> Ignored { get; } = [];
}

/// <summary>One secret: the file name (our secret name), the Vault path, and the annotation it came from.</summary>
internal sealed record ConvertedSecret(string Name, string Id, string Annotation, bool HasPerms);

/// <summary>Vault Agent's defaults where the pod says nothing, and ours where it must say something.</summary>
internal static class VaultConversionDefaults
{
    public const string Dir = "/vault/secrets";

    /// <summary>The placeholder address: the Vault Helm chart's in-cluster service (the real one is the injector's AGENT_INJECT_VAULT_ADDR).</summary>
    public const string PlaceholderAddress = "https://vault.vault.svc:8200";
}

/// <summary>
/// What the injector adds to a converted config (<c>secretbroker-injector --vault-annotations</c>): the files' group and,
/// for a sidecar, the socket its probes and the app's clients use.
/// </summary>
/// <param name="SocketPath">The socket's path, or <see langword="null"/> for an init container (<c>run --once</c> serves nothing).</param>
/// <param name="Group">The pod's <c>fsGroup</c>: the files' group.</param>
/// <param name="AllowUids">The app containers' known <c>runAsUser</c> values, admitted on the socket.</param>
internal sealed record VaultInjectedOutputs(string? SocketPath, long? Group, IReadOnlyCollection<long> AllowUids);
