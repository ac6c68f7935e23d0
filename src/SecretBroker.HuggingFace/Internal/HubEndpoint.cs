using System.Net;

namespace SecretBroker.HuggingFace.Internal;

/// <summary>Where the exchange goes, and which endpoints may be reached over plain http (loopback only).</summary>
internal static class HubEndpoint
{
    /// <summary>Whether plain http to <paramref name="uri"/> stays on this machine: 127.0.0.0/8, ::1 or <c>localhost</c>.</summary>
    public static bool IsLoopback(Uri uri) =>
        string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost, out IPAddress? address) && IPAddress.IsLoopback(address));

    /// <summary>Whether <paramref name="uri"/> is an endpoint the backend accepts: absolute https, or http to loopback.</summary>
    public static bool IsAllowed(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    /// <summary><c>{endpoint}/oauth/token</c>, keeping a path prefix the endpoint may have (a proxy, a private Hub).</summary>
    public static Uri TokenUri(Uri endpoint)
    {
        string text = endpoint.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text + "oauth/token" : text + "/oauth/token");
    }
}
