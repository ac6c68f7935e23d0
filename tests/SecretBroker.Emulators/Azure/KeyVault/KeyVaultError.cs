using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Azure.KeyVault;

/// <summary>Key Vault's error body: <c>{"error":{"code","message","innererror"}}</c> (protocols.md §5).</summary>
internal sealed record KeyVaultError(int Status, string Code, string Message, string? InnerCode = null)
{
    /// <summary>The counter outcome: the inner code when there is one (it says more), else the code.</summary>
    public string Outcome => InnerCode ?? Code;

    public JsonObject ToJson() => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = Code,
            ["message"] = Message,
            ["innererror"] = InnerCode is null ? null : new JsonObject { ["code"] = InnerCode },
        },
    };

    public static KeyVaultError NotFound(string id) =>
        new(404, "SecretNotFound", $"A secret with (name/id) {id} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182");

    public static KeyVaultError BadParameter(string message) => new(400, "BadParameter", message);
}
