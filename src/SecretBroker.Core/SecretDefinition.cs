namespace SecretBroker;

/// <summary>
/// One secret the broker keeps: where it comes from and how often it is refreshed.
/// Immutable; built from validated configuration.
/// </summary>
/// <param name="Name">Output name: file name and API name. Must satisfy <see cref="SecretName.IsValid(string)"/>.</param>
/// <param name="Backend">Name of the backend instance that holds the secret.</param>
/// <param name="Id">The backend's own identifier (ARN or name, Key Vault secret name, Vault path, file name or JSON key).</param>
/// <param name="Refresh">Interval between refreshes; jittered by the engine.</param>
public sealed record SecretDefinition(string Name, string Backend, string Id, TimeSpan Refresh)
{
    /// <summary>Optional: one top-level field of a JSON secret to extract; <see langword="null"/> means the whole value.</summary>
    public string? Key { get; init; }

    /// <summary>Optional: the backend's version selector (AWS stage or version id, Key Vault version, Vault KV version).</summary>
    public string? Version { get; init; }

    /// <summary>Whether readiness waits for this secret to be loaded.</summary>
    public bool Required { get; init; } = true;
}
