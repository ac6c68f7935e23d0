using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Azure.KeyVault;

/// <summary>What an operation answers: a 200 body, or Key Vault's error.</summary>
internal readonly record struct VaultAnswer(JsonObject? Body, KeyVaultError? Error)
{
    public static implicit operator VaultAnswer(JsonObject body) => new(body, null);

    public static implicit operator VaultAnswer(KeyVaultError error) => new(null, error);
}
