using System.Net;
using System.Text.RegularExpressions;

namespace SecretBroker.Aws.Internal;

/// <summary>Small validation rules shared by identity and endpoint resolution.</summary>
internal static partial class AwsIdentityRules
{
    private static readonly IPAddress[] ContainerHosts =
        [IPAddress.Parse("169.254.170.2"), IPAddress.Parse("169.254.170.23"), IPAddress.Parse("fd00:ec2::23")];

    /// <summary>Whether a role session name matches STS's rule <c>[\w+=,.@-]{2,64}</c>.</summary>
    public static bool IsValidSessionName(string name) => SessionName().IsMatch(name);

    /// <summary>Whether plain http to this host is acceptable: 127.0.0.0/8, ::1 or <c>localhost</c>.</summary>
    public static bool IsLoopback(Uri uri) => uri.IsLoopback;

    /// <summary>The hosts the AWS SDKs accept for container credentials (https anywhere; http only to these).</summary>
    public static bool IsAllowedContainerUri(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps
        || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? ip) && ContainerHosts.Contains(ip))));

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SessionName();
}
