using SecretBroker.Vault.Internal;

namespace SecretBroker.Vault;

/// <summary>
/// The rules a <c>vault</c> secret's <c>id</c> must meet (a Vault API path under a mount: no leading '/', no '.', '..'
/// or empty segment, no '?' or '#'), for a tool that writes config without building a backend (the annotation
/// converter) so it refuses exactly what the backend refuses.
/// </summary>
public static class VaultSecretId
{
    /// <summary>What is wrong with <paramref name="id"/> (a sentence starting "must …"), or <see langword="null"/> when it is a valid id.</summary>
    /// <param name="id">The secret's <c>id</c>, not blank.</param>
    public static string? Problem(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return VaultPath.IdProblem(id);
    }
}
