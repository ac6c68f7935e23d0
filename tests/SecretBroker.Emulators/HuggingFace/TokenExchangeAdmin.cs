using System.Globalization;
using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.HuggingFace;

/// <summary>
/// The admin routes of the Hub's token exchange (documented in README.md): the access-token lifetime, trusted
/// publishers per resource, and the tokens issued (never the token itself).
/// </summary>
internal sealed class TokenExchangeAdmin(TokenExchangeState state)
{
    private const string Prefix = "/v1/huggingface/";
    private const string TrustPrefix = Prefix + "trust/";

    /// <summary>The answer to an admin request under <c>/v1/huggingface/</c>, or <see langword="null"/> when the path is not one.</summary>
    public (int, JsonNode?)? TryRoute(string method, string path, JsonObject body)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        if (path == Prefix + "settings")
        {
            if (method is "PUT" or "POST" && body["expiresInSeconds"] is { } seconds)
            {
                state.AccessTokenLifetime = TimeSpan.FromSeconds(seconds.GetValue<int>());
            }

            return (200, new JsonObject { ["expiresInSeconds"] = (long)state.AccessTokenLifetime.TotalSeconds, ["audience"] = state.RequiredAudience });
        }

        if (path == Prefix + "trust" && method == "GET")
        {
            return (200, new JsonObject([.. state.TrustSnapshot().Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonArray([.. kv.Value.Select(s => (JsonNode?)s)])))]));
        }

        if (path.StartsWith(TrustPrefix, StringComparison.Ordinal) && path.Length > TrustPrefix.Length)
        {
            var resource = path[TrustPrefix.Length..];
            switch (method)
            {
                case "PUT" or "POST":
                    var subjects = body["subjects"]?.AsArray().Select(s => s!.GetValue<string>()).ToArray() ?? throw new ArgumentException("'subjects' is required");
                    state.Trust(resource, subjects);
                    return (200, new JsonObject { ["resource"] = resource, ["subjects"] = new JsonArray([.. subjects.Select(s => (JsonNode?)s)]) });
                case "DELETE":
                    return state.Untrust(resource) ? (204, null) : (404, new JsonObject { ["error"] = "no trust for that resource" });
            }
        }

        if (path == Prefix + "tokens" && method == "GET")
        {
            return (200, new JsonArray([.. state.Issued.Select(t => (JsonNode?)new JsonObject
            {
                ["subject"] = t.Subject,
                ["resource"] = t.Resource,
                ["issuedAt"] = t.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["expiresAt"] = t.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["subjectTokenId"] = t.SubjectTokenId,
            })]));
        }

        return (404, new JsonObject { ["error"] = $"no admin route {method} {path}" });
    }
}
