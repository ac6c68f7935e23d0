using System.Text.Json.Nodes;

namespace SecretBroker.Emulators.S3;

/// <summary>
/// The admin routes of the S3 emulator: <c>PUT /v1/s3/&lt;bucket&gt;</c> creates a bucket (optionally
/// <c>{"allowedRoles": ["arn:…"]}</c>), <c>PUT /v1/s3/&lt;bucket&gt;/&lt;key&gt;</c> writes an object from
/// <c>{"text": "…"}</c> or <c>{"base64": "…"}</c> (optional <c>contentType</c>), <c>DELETE</c> removes it.
/// </summary>
internal sealed class S3Admin(ObjectStore store)
{
    public const string Prefix = "/v1/s3/";

    public (int Status, JsonNode? Body) Route(string method, string path, JsonObject body)
    {
        string rest = path[Prefix.Length..];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            if (method is not ("PUT" or "POST"))
            {
                return (405, null);
            }

            string[] roles = body["allowedRoles"] is JsonArray list ? [.. list.Select(r => r!.GetValue<string>())] : [];
            store.CreateBucket(rest, roles);
            return (200, new JsonObject { ["bucket"] = rest, ["allowedRoles"] = new JsonArray([.. roles.Select(r => (JsonNode?)r)]) });
        }

        (string bucket, string key) = (rest[..slash], rest[(slash + 1)..]);
        switch (method)
        {
            case "PUT" or "POST":
                byte[] content = body["base64"] is { } b64 ? Convert.FromBase64String(b64.GetValue<string>())
                    : System.Text.Encoding.UTF8.GetBytes(body["text"]?.GetValue<string>() ?? throw new ArgumentException("'text' or 'base64' is required"));
                StoredObject stored = store.Put(bucket, key, content, body["contentType"]?.GetValue<string>() ?? "application/octet-stream");
                return (200, new JsonObject { ["bucket"] = bucket, ["key"] = key, ["etag"] = stored.ETag, ["size"] = content.Length });
            case "DELETE":
                return store.Delete(bucket, key) ? (204, null) : (404, new JsonObject { ["error"] = "no such object" });
            default:
                return (405, null);
        }
    }
}
