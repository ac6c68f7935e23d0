using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.Azure.Entra;

/// <summary>
/// A tenant's <c>/v2.0/.well-known/openid-configuration</c> as Entra serves it, every endpoint on the emulator's own
/// authority host: MSAL for Node reads it before its first token (to learn the token endpoint).
/// </summary>
internal static class OpenIdMetadata
{
    public static JsonObject For(Uri authorityHost, string tenant)
    {
        var root = authorityHost.ToString().TrimEnd('/') + "/" + tenant;
        return new JsonObject
        {
            ["token_endpoint"] = root + "/oauth2/v2.0/token",
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
            ["jwks_uri"] = root + "/discovery/v2.0/keys",
            ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
            ["subject_types_supported"] = new JsonArray("pairwise"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
            ["issuer"] = root + "/v2.0",
            ["request_uri_parameter_supported"] = false,
            ["authorization_endpoint"] = root + "/oauth2/v2.0/authorize",
            ["device_authorization_endpoint"] = root + "/oauth2/v2.0/devicecode",
            ["end_session_endpoint"] = root + "/oauth2/v2.0/logout",
            ["tenant_region_scope"] = null,
            ["cloud_instance_name"] = "microsoftonline.com",
        };
    }
}
