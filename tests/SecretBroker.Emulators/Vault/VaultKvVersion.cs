using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Vault;

/// <summary>One version of a KV v2 secret (or the only value of a KV v1 one).</summary>
public sealed record VaultKvVersion(int Version, JsonObject Data, DateTimeOffset Created)
{
    public DateTimeOffset? Deleted { get; set; }

    /// <summary>Destroyed (<c>destroy/</c>): the data is gone for good; reads answer 404 with <c>destroyed: true</c>.</summary>
    public bool Destroyed { get; set; }
}
