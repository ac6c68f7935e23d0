using System.Globalization;
using System.Text.Json.Nodes;
using SecretBroker.Emulators.Faults;

namespace SecretBroker.Emulators.Azure.KeyVault;

/// <summary>
/// Key Vault's front door (protocols.md §5), over HTTPS; the operations are <see cref="KeyVaultOperations"/>'s. In
/// order: faults (a failing front end), the bearer check (401 + the <c>WWW-Authenticate</c> challenge naming the
/// emulated Entra tenant), the throttle (429 + <c>Retry-After</c>), the required <c>api-version</c>, the operation.
/// </summary>
internal sealed class KeyVaultEndpoint(
    KeyVaultOperations operations, VaultThrottle throttle, BearerValidator bearer, Func<string> challengeAuthority,
    FaultInjector faults, RequestCounters counters, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = (request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var operation = KeyVaultOperations.Name(request.Method, segments);
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

        var answer = await operations.RunAsync(context, operation, segments, $"{request.Scheme}://{request.Host}/");
        if (answer.Error is { } error)
        {
            await ReplyAsync(context, operation, error);
            return;
        }

        await ReplyAsync(context, operation, 200, answer.Body!, "ok");
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
