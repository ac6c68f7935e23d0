using System.Globalization;
using System.Net;

namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// <c>outputs.http.listen</c> as written (<c>127.0.0.1:8787</c>, <c>[::1]:8787</c>, <c>localhost:0</c>) and its one
/// rule: the address is a loopback literal. Host names other than <c>localhost</c> are refused rather than resolved, so
/// what the config says is exactly what is bound, and the sidecar never listens beyond the pod's loopback.
/// </summary>
internal static class ListenAddressText
{
    /// <summary>Parses <paramref name="text"/>; returns the problem (from <see cref="ConfigMessages"/>) or <see langword="null"/>.</summary>
    public static string? Check(string text, out IPEndPoint? endpoint)
    {
        endpoint = null;
        string trimmed = text.Trim();
        int colon = trimmed.LastIndexOf(':');
        if (colon <= 0 || colon == trimmed.Length - 1)
        {
            return ConfigMessages.NotAListenAddress(text);
        }

        string host = trimmed[..colon];
        string portText = trimmed[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > IPEndPoint.MaxPort)
        {
            return ConfigMessages.NotAListenAddress(text);
        }

        IPAddress? address;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            // One address, not "every address localhost resolves to": the listener binds exactly one socket.
            address = IPAddress.Loopback;
        }
        else if (host.StartsWith('[') && host.EndsWith(']'))
        {
            if (!IPAddress.TryParse(host[1..^1], out address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return ConfigMessages.NotAListenAddress(text);
            }
        }
        else if (!IPAddress.TryParse(host, out address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || host.Count(static c => c == '.') != 3)
        {
            // A host name is refused, not resolved; a bare IPv6 address (no brackets) and shorthands like 127.1 are not
            // literals we accept.
            return Uri.CheckHostName(host) == UriHostNameType.Dns
                ? ConfigMessages.ListenNotLoopback(text)
                : ConfigMessages.NotAListenAddress(text);
        }

        // IPAddress.IsLoopback covers 127.0.0.0/8 and ::1; an IPv4-mapped loopback (::ffff:127.0.0.1) is refused too,
        // because a dual-stack bind of it is not what an operator reading the config would expect.
        if (!IPAddress.IsLoopback(address) || address.IsIPv4MappedToIPv6)
        {
            return ConfigMessages.ListenNotLoopback(text);
        }

        endpoint = new IPEndPoint(address, port);
        return null;
    }
}
