using SecretBroker.Backends;
using SecretBroker.Vault.Internal;

namespace SecretBroker.Vault;

/// <summary>
/// The <c>vault</c> backend type: its settings (<c>address</c>, <c>namespace</c>, <c>caFile</c>, the nested
/// <c>auth</c> keys <c>auth.method</c>, <c>auth.role</c>, <c>auth.mount</c>, <c>auth.tokenFile</c>,
/// <c>revokeOnShutdown</c>, <c>requestTimeout</c>), their validation, the per-secret path rules, and how the backend is
/// built and described for <c>check</c>.
/// </summary>
public sealed class VaultBackendType : SecretBackendType<VaultOptions>
{
    private VaultBackendType()
    {
    }

    /// <summary>The one instance.</summary>
    public static VaultBackendType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "vault";

    /// <inheritdoc/>
    public override SecretBackendSettingMap<VaultOptions> Settings { get; } = new SecretBackendSettingMap<VaultOptions>()
        .Url("address", (options, url) => options.Address = url)
        .Text("namespace", (options, ns) => options.Namespace = ns.Trim())
        .Path("caFile", (options, path) => options.CaFile = path)
        .Choice<VaultAuthMethod>(
            "auth.method",
            [new("kubernetes", VaultAuthMethod.Kubernetes), new("jwt", VaultAuthMethod.Jwt)],
            (options, method) => options.AuthMethod = method)
        .Text("auth.role", (options, role) => options.Role = role.Trim())
        .Text("auth.mount", (options, mount) => options.AuthMount = mount.Trim())
        .Path("auth.tokenFile", (options, path) => options.TokenFile = path)
        .Boolean("revokeOnShutdown", (options, revoke) => options.RevokeOnShutdown = revoke)
        .Duration("requestTimeout", (options, timeout) => options.RequestTimeout = timeout);

    /// <inheritdoc/>
    public override SecretBackendOptionsValidator<VaultOptions> Validator { get; } = new VaultOptionsValidator();

    /// <inheritdoc/>
    /// <remarks>
    /// <c>id</c> is a Vault API path: no leading '/', no '.' or '..' or empty segment, no '?' or '#', at least two
    /// segments. <c>version</c> only on a KV v2 path (<c>&lt;mount&gt;/data/&lt;path&gt;</c>), a positive integer.
    /// </remarks>
    public override IEnumerable<SecretBackendSettingProblem> SecretProblems(SecretDefinition secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!string.IsNullOrWhiteSpace(secret.Id) && VaultPath.IdProblem(secret.Id) is { } idProblem)
        {
            yield return new SecretBackendSettingProblem("id", idProblem);
            yield break;
        }

        if (secret.Version is not null && !string.IsNullOrWhiteSpace(secret.Id))
        {
            if (!VaultPath.Parse(secret.Id).IsKv2)
            {
                yield return new SecretBackendSettingProblem("version", VaultSettingMessages.VersionNotKv2);
            }
            else if (!VaultPath.IsVersion(secret.Version))
            {
                yield return new SecretBackendSettingProblem("version", VaultSettingMessages.VersionNotPositive(secret.Version));
            }
        }
    }

    /// <inheritdoc/>
    public override ISecretBackend Create(VaultOptions options, SecretBackendContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new VaultBackend(options, context.Name, context.VersionKey, handler: null, context.Time);
    }

    /// <inheritdoc/>
    public override string? Describe(VaultOptions options, ISecretBackend backend) =>
        backend is VaultBackend vault ? $"{TypeName} {vault.Description}" : null;
}
