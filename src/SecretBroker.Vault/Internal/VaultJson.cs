using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecretBroker.Vault.Internal;

/// <summary>The JSON Vault speaks, source-generated (Native AOT: no reflection). Unknown members are ignored.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VaultEnvelope))]
[JsonSerializable(typeof(VaultLoginRequest))]
[JsonSerializable(typeof(VaultRenewSelfRequest))]
[JsonSerializable(typeof(VaultLeaseRequest))]
internal sealed partial class VaultJson : JsonSerializerContext;

/// <summary>Every successful answer: <c>{request_id, lease_id, renewable, lease_duration, data, warnings, auth, …}</c>.</summary>
internal sealed class VaultEnvelope
{
    public string? LeaseId { get; set; }

    public bool Renewable { get; set; }

    public long LeaseDuration { get; set; }

    public JsonElement Data { get; set; }

    public VaultAuth? Auth { get; set; }

    public IReadOnlyList<string>? Warnings { get; set; }
}

/// <summary>The <c>auth</c> block of a login or <c>renew-self</c>.</summary>
internal sealed class VaultAuth
{
    public string? ClientToken { get; set; }

    public string? Accessor { get; set; }

    public long LeaseDuration { get; set; }

    public bool Renewable { get; set; }
}

/// <summary><c>POST auth/&lt;mount&gt;/login</c>.</summary>
internal sealed record VaultLoginRequest(string Role, string Jwt);

/// <summary><c>POST auth/token/renew-self</c>: <c>increment</c> in seconds.</summary>
internal sealed record VaultRenewSelfRequest(long Increment);

/// <summary><c>PUT sys/leases/renew</c> (with <c>increment</c>) and <c>sys/leases/revoke</c> (without).</summary>
internal sealed record VaultLeaseRequest(string LeaseId, long? Increment = null);
