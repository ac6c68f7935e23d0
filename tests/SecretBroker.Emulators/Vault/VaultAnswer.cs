using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Vault;

/// <summary>What an operation answers: a status and a JSON body (null for 204), and the outcome the counters record.</summary>
internal sealed record VaultAnswer(int Status, JsonObject? Body, string Outcome)
{
    public static VaultAnswer Ok(JsonObject body) => new(200, body, "ok");

    public static VaultAnswer NoContent() => new(204, null, "ok");

    public static VaultAnswer Error(int status, string outcome, params string[] errors) => new(status, VaultJson.Errors(errors), outcome);

    public static VaultAnswer PermissionDenied() => Error(403, "permission-denied", "permission denied");

    public static VaultAnswer NotFound() => Error(404, "not-found");

    public static VaultAnswer BadRequest(string message) => Error(400, "invalid-request", message);
}
