using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Vault;

/// <summary>
/// One parsed Vault request: the verb (<c>LIST</c> also for <c>GET ?list=true</c>; <c>POST</c> for <c>PUT</c>), the
/// namespace (<c>X-Vault-Namespace</c>, slashes trimmed; empty = root), the path under <c>/v1/</c>, the JSON body and
/// the client token (<c>X-Vault-Token</c>, else <c>Authorization: Bearer</c>).
/// </summary>
internal sealed record VaultRequest(string Verb, string Namespace, string Path, JsonObject Body, string? Token, IQueryCollection Query)
{
    public static VaultRequest From(HttpRequest request, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verb = request.Method.ToUpperInvariant() switch
        {
            "PUT" => "POST",
            "GET" when request.Query["list"].ToString() == "true" => "LIST",
            var other => other,
        };
        var path = (request.Path.Value ?? "/").TrimStart('/');
        path = path.StartsWith("v1/", StringComparison.Ordinal) ? path[3..] : path;
        string? token = request.Headers["X-Vault-Token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            var authorization = request.Headers.Authorization.ToString();
            token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        }

        return new VaultRequest(verb, request.Headers["X-Vault-Namespace"].ToString().Trim('/'), Uri.UnescapeDataString(path), body,
            string.IsNullOrEmpty(token) ? null : token, request.Query);
    }
}
