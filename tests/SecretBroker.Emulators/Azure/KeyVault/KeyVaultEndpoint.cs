using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecretBroker.Emulators.Faults;

namespace SecretBroker.Emulators.Azure.KeyVault;

/// <summary>
/// Key Vault's secrets data plane (protocols.md §5), over HTTPS: <c>GET /secrets</c>, <c>GET /secrets/{name}/versions</c>
/// (paged with an absolute <c>nextLink</c>), <c>GET /secrets/{name}[/{version}]</c>, <c>PUT /secrets/{name}</c>,
/// <c>PATCH /secrets/{name}/{version}</c>; any <c>api-version</c> (required). In order: faults (a failing front end),
/// the bearer check (401 + the <c>WWW-Authenticate</c> challenge naming the emulated Entra tenant), the throttle
/// (429 + <c>Retry-After</c>), then the operation.
/// </summary>
internal sealed class KeyVaultEndpoint(
    VaultStore store, KeyVaultOptions options, VaultThrottle throttle, BearerValidator bearer, Func<string> challengeAuthority,
    FaultInjector faults, RequestCounters counters, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = (request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var operation = Operation(request.Method, segments);
        var (fault, latency) = faults.Next(operation);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, context.RequestAborted);
        }

        switch (fault)
        {
            case FaultKind.DropConnection:
                counters.Record("keyvault." + operation, "fault:drop");
                context.Abort();
                return;
            case FaultKind.InternalServiceError:
                await ReplyAsync(context, operation, new KeyVaultError(500, "InternalServerError", "The service encountered an internal error."), "fault:InternalServiceError");
                return;
            case FaultKind.ServiceUnavailable:
                await ReplyAsync(context, operation, new KeyVaultError(503, "ServiceUnavailable", "The service is unavailable."), "fault:ServiceUnavailable");
                return;
            case FaultKind.Throttling:
                context.Response.Headers.RetryAfter = "1";
                await ReplyAsync(context, operation, Throttled(), "fault:Throttling");
                return;
        }

        if (bearer.Validate(request.Headers.Authorization.ToString()) is { } unauthorized)
        {
            // The challenge on every 401: the first request of a client carries no token and learns the tenant here.
            context.Response.Headers.WWWAuthenticate = $"Bearer authorization=\"{challengeAuthority()}\", resource=\"{BearerValidator.Resource}\"";
            await ReplyAsync(context, operation, unauthorized);
            return;
        }

        if (!throttle.TryAcquire(out var retryAfter))
        {
            context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await ReplyAsync(context, operation, Throttled());
            return;
        }

        if (request.Query["api-version"].ToString().Length == 0)
        {
            await ReplyAsync(context, operation, KeyVaultError.BadParameter("The request URI contains an invalid or missing api-version."));
            return;
        }

        var vault = $"{request.Scheme}://{request.Host}/";
        var (status, body) = await DispatchAsync(context, operation, segments, vault);
        if (body is KeyVaultError error)
        {
            await ReplyAsync(context, operation, error);
            return;
        }

        await ReplyAsync(context, operation, status, (JsonObject)body, "ok");
    }

    private static string Operation(string method, string[] segments) => (method, segments) switch
    {
        ("GET", ["secrets"]) => "GetSecrets",
        ("GET", ["secrets", _, "versions"]) => "GetSecretVersions",
        ("GET", ["secrets", _] or ["secrets", _, _]) => "GetSecret",
        ("PUT", ["secrets", _]) => "SetSecret",
        ("PATCH", ["secrets", _] or ["secrets", _, _]) => "UpdateSecret",
        _ => "Unknown",
    };

    private async Task<(int, object)> DispatchAsync(HttpContext context, string operation, string[] segments, string vault)
    {
        var query = context.Request.Query;
        switch (operation)
        {
            case "GetSecrets":
                return Page(vault, "secrets", store.Latest().Select(v => KeyVaultJson.Item(vault, v, versioned: false)).ToList(), query);
            case "GetSecretVersions":
                return store.Versions(segments[1]) is { } versions
                    ? Page(vault, $"secrets/{segments[1]}/versions", versions.Select(v => KeyVaultJson.Item(vault, v, versioned: true)).ToList(), query)
                    : (404, KeyVaultError.NotFound(segments[1]));
            case "GetSecret":
                return Get(vault, segments[1], segments.Length > 2 ? segments[2] : null);
            case "SetSecret" or "UpdateSecret":
                JsonObject? body;
                try
                {
                    body = await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body, cancellationToken: context.RequestAborted);
                }
                catch (JsonException)
                {
                    body = null;
                }

                if (body is null)
                {
                    return (400, KeyVaultError.BadParameter("The request body is not a JSON object."));
                }

                return operation == "SetSecret" ? Set(vault, segments[1], body) : Update(vault, segments[1], segments.Length > 2 ? segments[2] : null, body);
            default:
                return (400, KeyVaultError.BadParameter($"Method {context.Request.Method} {context.Request.Path} is not supported."));
        }
    }

    private (int, object) Get(string vault, string name, string? version)
    {
        var id = version is null ? name : name + "/" + version;
        if (!VaultStore.IsValidName(name) || (version is not null && !VaultStore.IsValidVersion(version)) || store.Get(name, version) is not { } found)
        {
            return (404, KeyVaultError.NotFound(id));
        }

        if (!found.Enabled)
        {
            return (403, new KeyVaultError(403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled"));
        }

        var now = time.GetUtcNow();
        if (options.EnforceValidityPeriod && found.Expires is { } exp && now >= exp)
        {
            return (403, new KeyVaultError(403, "Forbidden", "Operation get is not allowed on an expired secret.", "SecretExpired"));
        }

        if (options.EnforceValidityPeriod && found.NotBefore is { } nbf && now < nbf)
        {
            return (403, new KeyVaultError(403, "Forbidden", "Operation get is not allowed on a secret that is not yet valid.", "SecretNotYetValid"));
        }

        return (200, KeyVaultJson.Bundle(vault, found));
    }

    private (int, object) Set(string vault, string name, JsonObject body)
    {
        if (!VaultStore.IsValidName(name))
        {
            return (400, KeyVaultError.BadParameter($"The secret name '{name}' is invalid: it must be 1-127 characters of 0-9, a-z, A-Z and -."));
        }

        if (body["value"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return (400, KeyVaultError.BadParameter("The parameter 'value' is required and must be a string."));
        }

        var text = value.GetValue<string>();
        if (text.Length > VaultStore.MaxValueLength)
        {
            return (400, KeyVaultError.BadParameter($"The secret value is larger than the maximum of {VaultStore.MaxValueLength} characters."));
        }

        return (200, KeyVaultJson.Bundle(vault, store.Set(name, text, KeyVaultJson.Attributes(body))));
    }

    private (int, object) Update(string vault, string name, string? version, JsonObject body)
    {
        var updated = VaultStore.IsValidName(name) && (version is null || VaultStore.IsValidVersion(version)) ? store.Update(name, version, KeyVaultJson.Attributes(body)) : null;
        if (updated is null)
        {
            return (404, KeyVaultError.NotFound(version is null ? name : name + "/" + version));
        }

        var item = KeyVaultJson.Item(vault, updated, versioned: true);
        return (200, item);
    }

    private (int, object) Page(string vault, string path, List<JsonObject> items, IQueryCollection query)
    {
        var size = options.DefaultPageSize;
        if (query["maxresults"].ToString() is { Length: > 0 } max)
        {
            if (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > 25)
            {
                return (400, KeyVaultError.BadParameter("The value of maxresults must be between 1 and 25."));
            }
        }

        var offset = 0;
        if (query["$skiptoken"].ToString() is { Length: > 0 } token && !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            return (400, KeyVaultError.BadParameter("The $skiptoken is invalid."));
        }

        var page = items.Skip(offset).Take(size).ToList();
        string? next = offset + size < items.Count
            ? $"{vault}{path}?api-version={Uri.EscapeDataString(query["api-version"].ToString())}&$skiptoken={offset + size}&maxresults={size}"
            : null;
        return (200, new JsonObject { ["value"] = new JsonArray([.. page]), ["nextLink"] = next });
    }

    private static KeyVaultError Throttled() =>
        new(429, "Throttled", "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached");

    private Task ReplyAsync(HttpContext context, string operation, KeyVaultError error, string? outcome = null) =>
        ReplyAsync(context, operation, error.Status, error.ToJson(), outcome ?? error.Outcome);

    private Task ReplyAsync(HttpContext context, string operation, int status, JsonObject body, string outcome)
    {
        counters.Record("keyvault." + operation, outcome);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
