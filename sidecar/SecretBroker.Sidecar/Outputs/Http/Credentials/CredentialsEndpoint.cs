using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Outputs.Http.Credentials;

/// <summary>
/// <c>GET /v1/credentials/aws/&lt;name&gt;</c>: a credential set as AWS container-credentials JSON
/// (<c>AccessKeyId</c>, <c>SecretAccessKey</c>, <c>Token</c>, <c>Expiration</c>, <c>AccountId</c> when known), the shape
/// botocore's and the AWS SDK for .NET's container providers read. <c>Authorization</c> must equal the
/// <see cref="CredentialsToken"/> (401 and an audit line otherwise, checked before the name so a caller without the
/// token learns no set names); unknown name 404; nothing valid to serve 503 with <c>Retry-After</c>. Errors are
/// <c>application/problem+json</c> and never carry a value.
/// </summary>
internal sealed class CredentialsEndpoint(CredentialSetCatalog catalog, CredentialsToken token, CredentialsAudit audit, CredentialsMetrics metrics, TimeProvider time)
{
    public const string RoutePrefix = "/v1/credentials/aws/";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    public Task HandleAsync(HttpContext context, string name)
    {
        context.Response.OnStarting(static state =>
        {
            var (metrics, response) = ((CredentialsMetrics, HttpResponse))state;
            metrics.Request(response.StatusCode);
            return Task.CompletedTask;
        }, (metrics, context.Response));
        HttpResponse response = context.Response;
        response.Headers.CacheControl = CacheControlHeaderValue.NoStoreString;
        if (!token.Matches(context.Request.Headers.Authorization))
        {
            audit.Refused(name, context.Request.Headers.Authorization.Count == 0 ? CredentialsAudit.Missing : CredentialsAudit.Wrong);
            return SocketResponses.ProblemAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", CredentialsMessages.Unauthorized);
        }

        switch (catalog.Find(name, time.GetUtcNow()))
        {
            case CredentialAnswer.Served served:
                audit.Served(name, served.Keys.AccessKeyId);
                if (served.Stale)
                {
                    response.Headers[SocketResponses.StaleHeader] = "true";
                }

                return WriteCredentialsAsync(response, served);
            case CredentialAnswer.Unavailable unavailable:
                response.Headers.RetryAfter = ((long)Math.Ceiling(unavailable.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return SocketResponses.ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, unavailable.Type, unavailable.Title, unavailable.Detail);
            case CredentialAnswer.Unknown unknown:
                return SocketResponses.ProblemAsync(context, StatusCodes.Status404NotFound, "not-found", "Not found", unknown.Detail);
            default:
                throw new InvalidOperationException("unexpected credential answer");
        }
    }

    private static async Task WriteCredentialsAsync(HttpResponse response, CredentialAnswer.Served served)
    {
        ArrayBufferWriter<byte> body = new(1024);
        using (Utf8JsonWriter json = new(body, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("AccessKeyId", served.Keys.AccessKeyId);
            json.WriteString("SecretAccessKey", served.Keys.SecretAccessKey);

            // Both SDKs require the member; an empty one (allowed long-term keys) makes them sign without a token.
            json.WriteString("Token", served.Keys.SessionToken ?? string.Empty);
            json.WriteString("Expiration", AwsTime.Format(served.Expiration));
            if (served.Keys.AccountId is { } account)
            {
                json.WriteString("AccountId", account);
            }

            json.WriteEndObject();
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = SocketResponses.JsonContentType;
        response.ContentLength = body.WrittenCount;
        await response.BodyWriter.WriteAsync(body.WrittenMemory).ConfigureAwait(false);
    }
}
