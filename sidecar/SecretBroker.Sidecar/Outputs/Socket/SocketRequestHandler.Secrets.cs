using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Outputs.Socket;

/// <summary><c>GET /v1/secrets/{name}</c>: raw or JSON, conditional (<c>If-None-Match</c>) and long-polled (<c>?wait=N</c>).</summary>
internal sealed partial class SocketRequestHandler
{
    private const string RetryAfterSeconds = "1";

    private enum WaitOutcome
    {
        Satisfied,
        TimedOut,
        ShuttingDown,
        Aborted,
        TooManyWatchers,
    }

    private async Task SecretAsync(HttpContext context, PeerCredentials peer, string name)
    {
        if (!_configured.Contains(name))
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        if (!_policy.MayRead(peer, name))
        {
            await DeniedAsync(context, peer, name).ConfigureAwait(false);
            return;
        }

        HttpRequest request = context.Request;
        if (!ConditionalRequest.TryParseWait(request.Query["wait"], out TimeSpan? wait))
        {
            await SocketResponses.ProblemAsync(context, StatusCodes.Status400BadRequest, "bad-wait", "Bad wait",
                $"wait must be one whole number of seconds from 0 to {ConditionalRequest.MaxWaitSeconds}.").ConfigureAwait(false);
            return;
        }

        StringValues ifNoneMatch = request.Headers.IfNoneMatch;
        _engine.Current.TryGet(name, out SecretEntry? entry);
        // A client holding a version of a value withdrawn for an ended lease learns at once that it is dead.
        if (wait is { } duration && !IsAnswerable(entry, ifNoneMatch) && !IsWithdrawnUnder(_engine.Current, name, entry, ifNoneMatch))
        {
            (WaitOutcome outcome, entry) = await WaitAsync(name, ifNoneMatch, duration, context.RequestAborted).ConfigureAwait(false);
            if (outcome == WaitOutcome.Aborted)
            {
                return;
            }

            if (outcome == WaitOutcome.TooManyWatchers)
            {
                if (_tooManyWatchersWarning.Occurred(out int refused))
                {
                    Log.WatcherLimitReached(_logger, _budget.MaxWatchers, refused);
                }

                await TooManyAsync(context, "too-many-watchers", "Too many long polls",
                    $"At most {_budget.MaxWatchers} long polls wait at once; retry shortly.").ConfigureAwait(false);
                return;
            }

            if (outcome == WaitOutcome.ShuttingDown)
            {
                context.Response.Headers.Connection = "close";
                context.Response.Headers.RetryAfter = RetryAfterSeconds;
                await SocketResponses.ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "shutting-down", "Shutting down",
                    "The sidecar is stopping; reconnect and retry.").ConfigureAwait(false);
                return;
            }
        }

        if (entry is null)
        {
            await NotAvailableAsync(context, name).ConfigureAwait(false);
            return;
        }

        if (ConditionalRequest.Matches(ifNoneMatch, entry.Version))
        {
            SocketResponses.SetSecretHeaders(context.Response, entry);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        _audit.Read(peer, name, entry.Version);
        bool json = request.Headers.Accept.Any(static a => a is not null && a.Contains(SocketResponses.JsonContentType, StringComparison.OrdinalIgnoreCase));
        await (json ? SocketResponses.SecretJsonAsync(context.Response, entry) : SocketResponses.SecretRawAsync(context.Response, entry)).ConfigureAwait(false);
    }

    /// <summary>
    /// 503 for a configured secret without a value: withdrawn because its lease ended (a dead credential is never
    /// served), or not loaded yet.
    /// </summary>
    private Task NotAvailableAsync(HttpContext context, string name)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return _engine.Current.Expired.TryGetValue(name, out DateTimeOffset leaseEnded)
            ? SocketResponses.ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "lease-ended", "Lease ended",
                string.Create(CultureInfo.InvariantCulture, $"The lease of the secret's value ended at {leaseEnded.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} and its backend has not provided a new one yet; the expired value is not served."))
            : SocketResponses.ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "not-loaded", "Not loaded yet",
                "The secret has not been loaded from its backend yet.");
    }

    /// <summary>
    /// Whether the secret is withdrawn (its lease ended) while the client holds a version of it (<c>If-None-Match</c>):
    /// a long poll ends then. A client holding none waits for the next live value instead.
    /// </summary>
    private static bool IsWithdrawnUnder(SecretGeneration generation, string name, SecretEntry? entry, StringValues ifNoneMatch) =>
        entry is null && !StringValues.IsNullOrEmpty(ifNoneMatch) && generation.Expired.ContainsKey(name);

    /// <summary>Whether the request can be answered with a value now: loaded, and not the version the client holds.</summary>
    private static bool IsAnswerable(SecretEntry? entry, StringValues ifNoneMatch) =>
        entry is not null && !ConditionalRequest.Matches(ifNoneMatch, entry.Version);

    /// <summary>Waits for a generation in which the secret is answerable, until <paramref name="wait"/> passes (on the injected clock), the client goes, or the sidecar stops.</summary>
    private async Task<(WaitOutcome Outcome, SecretEntry? Entry)> WaitAsync(string name, StringValues ifNoneMatch, TimeSpan wait, CancellationToken aborted)
    {
        if (!_budget.TryStartWatching())
        {
            return (WaitOutcome.TooManyWatchers, null);
        }

        using CancellationTokenSource timeout = new(wait, _time);
        using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, aborted, _stopping);
        SecretGeneration generation = _engine.Current;
        generation.TryGet(name, out SecretEntry? entry);
        try
        {
            return await WaitForAnswerableAsync(name, ifNoneMatch, generation, entry, aborted, linked.Token).ConfigureAwait(false);
        }
        finally
        {
            _budget.EndWatching();
        }
    }

    private async Task<(WaitOutcome Outcome, SecretEntry? Entry)> WaitForAnswerableAsync(
        string name, StringValues ifNoneMatch, SecretGeneration generation, SecretEntry? entry, CancellationToken aborted, CancellationToken waiting)
    {
        while (!IsAnswerable(entry, ifNoneMatch))
        {
            try
            {
                generation = await _engine.WaitForGenerationAsync(generation.Number, waiting).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                WaitOutcome outcome = _stopping.IsCancellationRequested ? WaitOutcome.ShuttingDown
                    : aborted.IsCancellationRequested ? WaitOutcome.Aborted
                    : WaitOutcome.TimedOut;
                return (outcome, entry);
            }
            catch (ObjectDisposedException)
            {
                // The engine stopped first (host shutdown): same as our own stop.
                return (WaitOutcome.ShuttingDown, entry);
            }

            generation.TryGet(name, out entry);
            if (IsWithdrawnUnder(generation, name, entry, ifNoneMatch))
            {
                // Not woken with a value: answered 503 lease-ended, so the client stops using the one it holds.
                return (WaitOutcome.Satisfied, null);
            }
        }

        return (WaitOutcome.Satisfied, entry);
    }
}
