using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecretBroker.Emulators.Faults;
using SecretBroker.Emulators.HuggingFace;
using SecretBroker.Emulators.Oidc;
using SecretBroker.Emulators.SecretsManager;
using SecretBroker.Emulators.Sessions;

namespace SecretBroker.Emulators.Admin;

/// <summary>
/// The admin API (JSON over loopback; documented with curl examples in README.md). Hand-routed rather than
/// endpoint-routed: secret names contain slashes, and the whole surface is a dozen routes.
/// </summary>
internal sealed class AdminEndpoint(
    SecretStore store,
    IReadOnlyDictionary<string, ProjectedTokenFile> tokens,
    FaultInjector faults,
    RequestCounters counters,
    SessionRegistry sessions,
    Func<Endpoints> endpoints,
    S3.S3Admin s3,
    TokenExchangeAdmin huggingFace,
    Azure.AzureAdmin azure,
    Vault.VaultAdmin vault)
{
    private const string SecretsPrefix = "/v1/secrets/";
    private const string TokensPrefix = "/v1/tokens/";
    private const string FaultsPrefix = "/v1/faults/";

    public async Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/");
        JsonObject? body;
        try
        {
            body = context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0
                ? await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body, cancellationToken: context.RequestAborted)
                : null;
        }
        catch (JsonException e)
        {
            await ReplyAsync(context, 400, new JsonObject { ["error"] = "invalid JSON body: " + e.Message });
            return;
        }

        try
        {
            var (status, result) = Route(method, path, body ?? []);
            await ReplyAsync(context, status, result);
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            await ReplyAsync(context, e is KeyNotFoundException ? 404 : 400, new JsonObject { ["error"] = e.Message });
        }
    }

    private (int, JsonNode?) Route(string method, string path, JsonObject body)
    {
        if (path == "/v1/endpoints" && method == "GET")
        {
            return (200, JsonSerializer.SerializeToNode(endpoints()));
        }

        if (huggingFace.TryRoute(method, path, body) is { } hub)
        {
            return hub;
        }

        if (vault.TryRoute(method, path, body) is { } vaultAnswer)
        {
            return vaultAnswer;
        }

        if (azure.TryRoute(method, path, body) is { } azureAnswer)
        {
            return azureAnswer;
        }

        if (path.StartsWith(S3.S3Admin.Prefix, StringComparison.Ordinal) && path.Length > S3.S3Admin.Prefix.Length)
        {
            return s3.Route(method, path, body);
        }

        if (path.StartsWith(SecretsPrefix, StringComparison.Ordinal) && path.Length > SecretsPrefix.Length)
        {
            var name = path[SecretsPrefix.Length..];
            return method switch
            {
                "PUT" or "POST" => (200, PutSecret(name, body)),
                "GET" => Describe(name),
                "DELETE" => store.Delete(name) ? (204, null) : (404, new JsonObject { ["error"] = "no such secret" }),
                _ => (405, null),
            };
        }

        if (path == "/v1/stages" && method == "POST")
        {
            var name = Required(body, "name");
            store.MoveStage(name, Required(body, "stage"), Required(body, "versionId"));
            return Describe(name);
        }

        if (path.StartsWith(TokensPrefix, StringComparison.Ordinal) && path.EndsWith("/rotate", StringComparison.Ordinal) && method == "POST")
        {
            var name = path[TokensPrefix.Length..^"/rotate".Length];
            var file = tokens.GetValueOrDefault(name) ?? throw new KeyNotFoundException($"no token file named '{name}'");
            TimeSpan? ttl = body["lifetimeSeconds"] is { } s ? TimeSpan.FromSeconds(s.GetValue<int>()) : null;
            file.Rotate(ttl);
            return (200, new JsonObject { ["name"] = name, ["path"] = file.Path, ["generation"] = file.Generation });
        }

        if (path == "/v1/faults" && method == "GET")
        {
            return (200, JsonSerializer.SerializeToNode(faults.Snapshot().ToDictionary(kv => kv.Key, kv => Describe(kv.Value))));
        }

        if (path == "/v1/faults" && method == "DELETE")
        {
            faults.Clear();
            return (204, null);
        }

        if (path.StartsWith(FaultsPrefix, StringComparison.Ordinal))
        {
            var operation = path[FaultsPrefix.Length..];
            if (method == "DELETE")
            {
                faults.Clear(operation);
                return (204, null);
            }

            if (method is "PUT" or "POST")
            {
                faults.Set(operation, ParseFault(body));
                return (200, JsonSerializer.SerializeToNode(Describe(faults.Snapshot()[operation])));
            }
        }

        if (path == "/v1/counters")
        {
            if (method == "DELETE")
            {
                counters.Reset();
                return (204, null);
            }

            return (200, new JsonObject
            {
                ["signaturesVerified"] = counters.SignaturesVerified,
                ["operations"] = JsonSerializer.SerializeToNode(counters.Snapshot()),
            });
        }

        if (path == "/v1/sessions" && method == "GET")
        {
            // Never the secret key or the session token: the admin API is a log-like surface.
            return (200, new JsonArray([.. sessions.All().Select(s => (JsonNode?)new JsonObject
            {
                ["accessKeyId"] = s.AccessKeyId,
                ["issuedBy"] = s.IssuedBy,
                ["subject"] = s.Subject,
                ["roleArn"] = s.RoleArn,
                ["assumedRoleArn"] = s.AssumedRoleArn,
                ["expiration"] = s.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["issuedAt"] = s.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["tokenId"] = s.TokenId,
                ["tags"] = new JsonObject([.. s.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]),
                ["policy"] = s.Policy,
                ["sourceAccessKeyId"] = s.SourceAccessKeyId,
            })]));
        }

        return (404, new JsonObject { ["error"] = $"no admin route {method} {path}" });
    }

    private JsonObject PutSecret(string name, JsonObject body)
    {
        var stage = body["stage"]?.GetValue<string>() ?? SecretStore.Current;
        var version = body["secretBinary"] is { } b
            ? store.PutBinary(name, Convert.FromBase64String(b.GetValue<string>()), stage)
            : store.PutString(name, Required(body, "secretString"), stage);
        var (_, described) = Describe(name);
        described!["versionId"] = version.VersionId;
        return described;
    }

    private (int, JsonObject?) Describe(string name)
    {
        var described = store.Read(name, s => new JsonObject
        {
            ["name"] = s.Name,
            ["arn"] = s.Arn,
            ["versionIdsToStages"] = new JsonObject([.. s.Versions.Where(v => v.Stages.Count > 0)
                .Select(v => KeyValuePair.Create(v.VersionId, (JsonNode?)new JsonArray([.. v.VersionStages.Select(x => (JsonNode?)x)])))]),
        });
        return described is null ? (404, new JsonObject { ["error"] = "no such secret" }) : (200, described);
    }

    private static Fault ParseFault(JsonObject body)
    {
        var kind = (body["kind"]?.GetValue<string>() ?? "none").ToUpperInvariant() switch
        {
            "NONE" => FaultKind.None,
            "5XX" or "500" or "INTERNALSERVICEERROR" => FaultKind.InternalServiceError,
            "503" or "SERVICEUNAVAILABLE" => FaultKind.ServiceUnavailable,
            "THROTTLING" or "THROTTLINGEXCEPTION" => FaultKind.Throttling,
            "DROP" or "DROPCONNECTION" => FaultKind.DropConnection,
            "GARBAGE" or "GARBAGEBODY" => FaultKind.GarbageBody,
            var other => throw new ArgumentException($"unknown fault kind '{other}' (none, 5xx, 503, throttling, drop, garbage)"),
        };
        return new Fault
        {
            Kind = kind,
            Count = body["count"]?.GetValue<int>(),
            Latency = TimeSpan.FromMilliseconds(body["latencyMs"]?.GetValue<int>() ?? 0),
        };
    }

    private static object Describe(Fault f) => new { kind = f.Kind.ToString(), count = f.Count, latencyMs = (int)f.Latency.TotalMilliseconds };

    private static string Required(JsonObject body, string name) =>
        body[name]?.GetValue<string>() ?? throw new ArgumentException($"'{name}' is required");

    private static async Task ReplyAsync(HttpContext context, int status, JsonNode? result)
    {
        context.Response.StatusCode = status;
        if (result is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(result.ToJsonString(), context.RequestAborted);
        }
    }
}
