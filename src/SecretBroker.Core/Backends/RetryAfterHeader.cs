using System.Net.Http.Headers;

namespace SecretBroker.Backends;

/// <summary>
/// Reads an HTTP <c>Retry-After</c> (seconds or a date) as the wait a backend hands the engine in
/// <see cref="SecretBackendException.RetryAfter"/>: every HTTP backend honours a service's request to slow down alike.
/// </summary>
public static class RetryAfterHeader
{
    /// <summary>The wait <paramref name="response"/> asks for (never negative), or <see langword="null"/> when it asks none.</summary>
    /// <param name="response">The service's answer.</param>
    /// <param name="time">The clock a date is measured against.</param>
    public static TimeSpan? Delay(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        RetryConditionHeaderValue? header = response.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is DateTimeOffset date ? date - time.GetUtcNow() : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>
    /// The wait a <c>Retry-After</c> header value asks for (never negative), or <see langword="null"/> when there is none
    /// or it is neither seconds nor an HTTP date; for SDKs that expose headers as text rather than an
    /// <see cref="HttpResponseMessage"/>.
    /// </summary>
    /// <param name="value">The header's value, or <see langword="null"/> when absent.</param>
    /// <param name="time">The clock a date is measured against.</param>
    public static TimeSpan? Delay(string? value, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (value is null || !RetryConditionHeaderValue.TryParse(value, out RetryConditionHeaderValue? header))
        {
            return null;
        }

        TimeSpan? wait = header.Delta ?? (header.Date is DateTimeOffset date ? date - time.GetUtcNow() : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
