using System.Text.Json;
using System.Text.Json.Nodes;
using SecretBroker.Emulators.Faults;

namespace SecretBroker.Emulators.SecretsManager;

/// <summary>
/// The Secrets Manager wire: <c>POST</c> any path, dispatch on <c>X-Amz-Target</c>, faults first (as a failing
/// front end would), then SigV4 on every request, then the operation. Counters are keyed
/// <c>secretsmanager.&lt;Operation&gt;</c>.
/// </summary>
internal sealed class SecretsManagerEndpoint(SecretStore store, SigV4Verifier verifier, FaultInjector faults, RequestCounters counters, TimeProvider time)
{
    private const string JsonContentType = "application/x-amz-json-1.1";
    private const string TargetPrefix = "secretsmanager.";
    private readonly SecretsManagerOperations _operations = new(store);

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
        var counterKey = "secretsmanager." + (operation.Length == 0 ? "(none)" : operation);

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();

        var (fault, latency) = faults.Next(operation);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, context.RequestAborted);
        }

        switch (fault)
        {
            case FaultKind.DropConnection:
                counters.Record(counterKey, "fault:drop");
                context.Abort();
                return;
            case FaultKind.InternalServiceError:
                counters.Record(counterKey, "fault:InternalServiceError");
                await WriteErrorAsync(context, new("InternalServiceError", 500, "An error occurred on the server side."));
                return;
            case FaultKind.ServiceUnavailable:
                counters.Record(counterKey, "fault:ServiceUnavailable");
                await WriteErrorAsync(context, new("ServiceUnavailable", 503, "The service is unavailable. Try again later."));
                return;
            case FaultKind.Throttling:
                counters.Record(counterKey, "fault:ThrottlingException");
                await WriteErrorAsync(context, new("ThrottlingException", 400, "Rate exceeded"));
                return;
        }

        var authError = verifier.Verify(context.Request, body, out _);
        if (authError is not null)
        {
            counters.Record(counterKey, authError.Code);
            await WriteErrorAsync(context, authError);
            return;
        }

        counters.RecordVerifiedSignature();
        if (!HttpMethods.IsPost(context.Request.Method) || !target.StartsWith(TargetPrefix, StringComparison.Ordinal))
        {
            counters.Record(counterKey, "UnknownOperationException");
            await WriteErrorAsync(context, new("UnknownOperationException", 400, "Expected POST with X-Amz-Target: secretsmanager.<Operation>."));
            return;
        }

        JsonObject? result;
        AwsJsonError? error;
        try
        {
            using var document = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
            (result, error) = _operations.Invoke(operation, document.RootElement);
        }
        catch (JsonException)
        {
            (result, error) = (null, new AwsJsonError("SerializationException", 400, "The request body is not valid JSON."));
        }

        counters.Record(counterKey, error?.Code ?? "ok");
        if (error is not null)
        {
            await WriteErrorAsync(context, error);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = JsonContentType;
        await context.Response.WriteAsync(result!.ToJsonString(), context.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext context, AwsJsonError error)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = JsonContentType;
        var body = new JsonObject { ["__type"] = error.Code, ["Message"] = error.Message };
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
