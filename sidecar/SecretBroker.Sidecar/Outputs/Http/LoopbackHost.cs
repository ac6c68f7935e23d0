using System.Net;
using Microsoft.AspNetCore.Http;

namespace SecretBroker.Sidecar.Outputs.Http;

/// <summary>
/// The <c>Host</c> values the loopback listener answers: <c>localhost</c>, an address in 127.0.0.0/8 or <c>[::1]</c>,
/// each with an optional port. Anything else is refused (421), so a web page whose name a DNS-rebinding attacker
/// pointed at 127.0.0.1 gets nothing from the browser's request.
/// </summary>
internal static class LoopbackHost
{
    public static bool IsAccepted(HostString host)
    {
        // Parsed from the raw value: HostString.Host would also take an unbracketed "::1", which no client sends.
        string value = host.Value ?? string.Empty;
        int portStart = value.StartsWith('[') ? value.IndexOf("]:", StringComparison.Ordinal) + 1 : value.IndexOf(':', StringComparison.Ordinal);
        string name = portStart > 0 ? value[..portStart] : value;
        if (portStart > 0 && !ushort.TryParse(value.AsSpan(portStart + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        if (string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (name.StartsWith('[') && name.EndsWith(']'))
        {
            return IPAddress.TryParse(name[1..^1], out IPAddress? v6) && v6.Equals(IPAddress.IPv6Loopback);
        }

        return IPAddress.TryParse(name, out IPAddress? address) && IsDottedIPv4Loopback(name, address);
    }

    // IPAddress.TryParse also takes "127.1" and "2130706433"; a Host header from a browser is always four parts.
    private static bool IsDottedIPv4Loopback(string literal, IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
        && literal.Count(static c => c == '.') == 3
        && address.GetAddressBytes()[0] == 127;
}
