using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using SecretBroker.Emulators.Faults;
using SecretBroker.Emulators.SecretsManager;
using SecretBroker.Emulators.Sessions;

namespace SecretBroker.Emulators.S3;

/// <summary>
/// The S3 wire for reading model files, path-style (<c>/bucket/key</c>): ListObjectsV2, GetObject (with a single
/// <c>Range</c>), HeadObject and HeadBucket. Faults first, then SigV4 (service <c>s3</c>) against the credentials the
/// emulators issued, then the bucket's role rule. Counters are keyed <c>s3.&lt;Operation&gt;</c>.
/// </summary>
internal sealed class S3Endpoint(ObjectStore store, SigV4Verifier verifier, FaultInjector faults, RequestCounters counters, TimeProvider time)
{
    private const int MaxKeysLimit = 1000;

    public async Task HandleAsync(HttpContext context)
    {
        string requestId = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        context.Response.Headers["x-amz-request-id"] = requestId;
        (string bucket, string? key) = Target(context);
        string operation = Operation(context.Request, bucket, key);
        string counterKey = "s3." + operation;

        var (fault, latency) = faults.Next(operation);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, context.RequestAborted);
        }

        S3Error? faulted = fault switch
        {
            FaultKind.InternalServiceError => new S3Error("InternalError", 500, "We encountered an internal error. Please try again."),
            FaultKind.ServiceUnavailable => new S3Error("ServiceUnavailable", 503, "Please reduce your request rate."),
            FaultKind.Throttling => new S3Error("SlowDown", 503, "Please reduce your request rate."),
            _ => null,
        };
        if (fault == FaultKind.DropConnection)
        {
            counters.Record(counterKey, "fault:drop");
            context.Abort();
            return;
        }

        if (faulted is not null)
        {
            counters.Record(counterKey, "fault:" + faulted.Code);
            await WriteErrorAsync(context, faulted, requestId);
            return;
        }

        AwsJsonError? signature = verifier.Verify(context.Request, [], out Session? session);
        if (signature is not null)
        {
            S3Error error = S3Error.FromSignatureFailure(signature.Code, signature.Message);
            counters.Record(counterKey, error.Code);
            await WriteErrorAsync(context, error, requestId);
            return;
        }

        counters.RecordVerifiedSignature();
        S3Error? refused = bucket.Length == 0 ? new S3Error("NotImplemented", 501, "ListBuckets is not emulated; name a bucket.")
            : !store.BucketExists(bucket) ? S3Error.NoSuchBucket(bucket)
            : !store.Allows(bucket, session!.RoleArn) ? S3Error.AccessDenied()
            : null;
        if (refused is null)
        {
            refused = operation switch
            {
                "ListObjectsV2" => await ListAsync(context, bucket),
                "GetObject" or "HeadObject" => await ObjectAsync(context, bucket, key!, head: operation == "HeadObject"),
                "HeadBucket" => null,
                _ => new S3Error("NotImplemented", 501, $"{context.Request.Method} {operation} is not emulated (ListObjectsV2, GetObject, HeadObject, HeadBucket)."),
            };
        }

        counters.Record(counterKey, refused?.Code ?? "ok");
        if (refused is not null)
        {
            await WriteErrorAsync(context, refused, requestId);
        }
    }

    private async Task<S3Error?> ListAsync(HttpContext context, string bucket)
    {
        IQueryCollection q = context.Request.Query;
        string prefix = q["prefix"].ToString();
        string? delimiter = q.ContainsKey("delimiter") && q["delimiter"].ToString().Length > 0 ? q["delimiter"].ToString() : null;
        string? startAfter = q.ContainsKey("start-after") ? q["start-after"].ToString() : null;
        string? token = q.ContainsKey("continuation-token") ? q["continuation-token"].ToString() : null;
        int maxKeys = MaxKeysLimit;
        if (q.ContainsKey("max-keys") && (!int.TryParse(q["max-keys"], NumberStyles.None, CultureInfo.InvariantCulture, out maxKeys) || maxKeys > MaxKeysLimit))
        {
            maxKeys = Math.Min(maxKeys, MaxKeysLimit);
            if (maxKeys < 0)
            {
                return new S3Error("InvalidArgument", 400, "max-keys must be a non-negative integer.");
            }
        }

        string? after = startAfter;
        if (token is not null)
        {
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            }
            catch (FormatException)
            {
                return new S3Error("InvalidArgument", 400, "The continuation token provided is incorrect.");
            }
        }

        List<StoredObject> contents = [];
        List<string> prefixes = [];
        string? lastExamined = null;
        bool truncated = false;
        foreach (StoredObject o in store.List(bucket))
        {
            if (!o.Key.StartsWith(prefix, StringComparison.Ordinal) || (after is not null && string.CompareOrdinal(o.Key, after) <= 0))
            {
                continue;
            }

            string? common = null;
            if (delimiter is not null)
            {
                int at = o.Key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                common = at < 0 ? null : o.Key[..(at + delimiter.Length)];
            }

            if (common is not null && prefixes.Count > 0 && prefixes[^1] == common)
            {
                lastExamined = o.Key; // more of a prefix already listed
                continue;
            }

            if (contents.Count + prefixes.Count == maxKeys)
            {
                truncated = true;
                break;
            }

            if (common is not null)
            {
                prefixes.Add(common);
            }
            else
            {
                contents.Add(o);
            }

            lastExamined = o.Key;
        }

        ListPage page = new(
            bucket, prefix, delimiter, startAfter, maxKeys, q["encoding-type"].ToString() == "url", token,
            truncated && lastExamined is not null ? Convert.ToBase64String(Encoding.UTF8.GetBytes(lastExamined)) : null,
            contents, prefixes);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync(S3Xml.ListV2(page), context.RequestAborted);
        return null;
    }

    private async Task<S3Error?> ObjectAsync(HttpContext context, string bucket, string key, bool head)
    {
        if (store.Get(bucket, key) is not { } stored)
        {
            return S3Error.NoSuchKey(key);
        }

        int start = 0;
        int length = stored.Content.Length;
        string range = context.Request.Headers.Range.ToString();
        if (range.Length > 0 && !head)
        {
            if (!TryRange(range, stored.Content.Length, out start, out length))
            {
                context.Response.Headers.ContentRange = $"bytes */{stored.Content.Length}";
                return new S3Error("InvalidRange", 416, "The requested range is not satisfiable");
            }

            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {start}-{start + length - 1}/{stored.Content.Length}");
        }
        else
        {
            context.Response.StatusCode = 200;
        }

        context.Response.ContentType = stored.ContentType;
        context.Response.ContentLength = length;
        context.Response.Headers.ETag = stored.ETag;
        context.Response.Headers.LastModified = stored.LastModified.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
        context.Response.Headers.AcceptRanges = "bytes";
        if (!head)
        {
            await context.Response.Body.WriteAsync(stored.Content.AsMemory(start, length), context.RequestAborted);
        }

        return null;
    }

    /// <summary>One range: <c>bytes=a-b</c>, <c>bytes=a-</c> or <c>bytes=-n</c> (the last n bytes).</summary>
    private static bool TryRange(string header, int size, out int start, out int length)
    {
        (start, length) = (0, 0);
        if (!header.StartsWith("bytes=", StringComparison.Ordinal) || header.Contains(',', StringComparison.Ordinal) || size == 0)
        {
            return false;
        }

        string spec = header["bytes=".Length..];
        int dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return false;
        }

        (string from, string to) = (spec[..dash], spec[(dash + 1)..]);
        long first;
        long end;
        if (from.Length == 0)
        {
            if (!long.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out long suffix) || suffix == 0)
            {
                return false;
            }

            (first, end) = (Math.Max(0, size - suffix), size - 1);
        }
        else
        {
            if (!long.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out first) || first >= size)
            {
                return false;
            }

            end = size - 1;
            if (to.Length > 0)
            {
                if (!long.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out long last) || last < first)
                {
                    return false;
                }

                end = Math.Min(last, size - 1);
            }
        }

        (start, length) = ((int)first, (int)(end - first + 1));
        return true;
    }

    /// <summary>Bucket and key from the raw path (a key may hold encoded slashes and spaces).</summary>
    private static (string Bucket, string? Key) Target(HttpContext context)
    {
        string raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        int query = raw.IndexOf('?', StringComparison.Ordinal);
        string path = (query < 0 ? raw : raw[..query]).TrimStart('/');
        int slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? (Uri.UnescapeDataString(path), null)
            : (Uri.UnescapeDataString(path[..slash]), slash == path.Length - 1 ? null : Uri.UnescapeDataString(path[(slash + 1)..]));
    }

    private static string Operation(HttpRequest request, string bucket, string? key) => (request.Method, key) switch
    {
        ("GET", null) when bucket.Length > 0 && request.Query["list-type"] == "2" => "ListObjectsV2",
        ("GET", null) when bucket.Length > 0 => "ListObjects",
        ("GET", null) => "ListBuckets",
        ("HEAD", null) => "HeadBucket",
        ("GET", _) => "GetObject",
        ("HEAD", _) => "HeadObject",
        _ => request.Method + "Object",
    };

    private static Task WriteErrorAsync(HttpContext context, S3Error error, string requestId)
    {
        context.Response.StatusCode = error.Status;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask; // S3 answers HEAD errors with the status alone
        }

        context.Response.ContentType = "application/xml";
        return context.Response.WriteAsync(S3Xml.Error(error, requestId), context.RequestAborted);
    }
}
