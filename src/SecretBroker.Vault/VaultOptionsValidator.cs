using SecretBroker.Backends;
using SecretBroker.Vault.Internal;

namespace SecretBroker.Vault;

/// <summary>
/// Validates <see cref="VaultOptions"/>, naming the setting keys of a <c>vault</c> backend: <c>address</c> required,
/// https (http only to loopback), no query or fragment; <c>auth.method</c> and <c>auth.role</c> required;
/// <c>auth.mount</c> a clean mount path; <c>auth.tokenFile</c> and <c>caFile</c> absolute; <c>requestTimeout</c> between
/// 1 s and 10 min. Whether the files exist is checked when the backend is built.
/// </summary>
public sealed class VaultOptionsValidator : SecretBackendOptionsValidator<VaultOptions>
{
    /// <inheritdoc/>
    public override IEnumerable<SecretBackendSettingProblem> Problems(VaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Address is null)
        {
            yield return new SecretBackendSettingProblem("address", VaultSettingMessages.Required);
        }
        else if (VaultPath.AddressProblem(options.Address) is { } address)
        {
            yield return new SecretBackendSettingProblem("address", address);
        }

        if (options.Namespace is { } ns && VaultPath.NamespaceProblem(ns) is { } nsProblem)
        {
            yield return new SecretBackendSettingProblem("namespace", nsProblem);
        }

        if (options.AuthMethod is null)
        {
            yield return new SecretBackendSettingProblem("auth.method", VaultSettingMessages.Required);
        }
        else if (!Enum.IsDefined(options.AuthMethod.Value))
        {
            yield return new SecretBackendSettingProblem("auth.method", VaultSettingMessages.UnknownMethod);
        }

        if (string.IsNullOrWhiteSpace(options.Role))
        {
            yield return new SecretBackendSettingProblem("auth.role", VaultSettingMessages.Required);
        }

        if (options.AuthMount is { } mount && VaultPath.MountProblem(mount.Trim()) is { } mountProblem)
        {
            yield return new SecretBackendSettingProblem("auth.mount", mountProblem);
        }

        if (options.TokenFile is not null && !Path.IsPathFullyQualified(options.TokenFile))
        {
            yield return new SecretBackendSettingProblem("auth.tokenFile", VaultSettingMessages.NotAbsolute);
        }

        if (options.CaFile is not null && !Path.IsPathFullyQualified(options.CaFile))
        {
            yield return new SecretBackendSettingProblem("caFile", VaultSettingMessages.NotAbsolute);
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new SecretBackendSettingProblem("requestTimeout", VaultSettingMessages.TimeoutOutOfRange(options.RequestTimeout));
        }
    }
}
