using System.Text.Json;
using SecretBroker.Emulators.Oidc;

namespace SecretBroker.Emulators.Azure.Entra;

/// <summary>
/// The claims of a client assertion read before its signature is checked: Entra first looks up the federated
/// credential by the assertion's issuer and subject (to know whose keys to fetch), then verifies.
/// </summary>
internal sealed record AssertionClaims(string Issuer, string Subject, IReadOnlyList<string> Audiences, string Id)
{
    public static AssertionClaims? TryRead(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3 || Base64Url.TryDecode(parts[1]) is not { } payload)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            var audiences = root.TryGetProperty("aud", out var aud) switch
            {
                true when aud.ValueKind == JsonValueKind.Array => aud.EnumerateArray().Select(a => a.GetString() ?? string.Empty).ToList(),
                true when aud.ValueKind == JsonValueKind.String => [aud.GetString()!],
                _ => new List<string>(),
            };
            return new AssertionClaims(String(root, "iss"), String(root, "sub"), audiences, String(root, "jti"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string String(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
}
