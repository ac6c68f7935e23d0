using System.Text.RegularExpressions;

namespace SecretBroker.Injector.Mutation;

/// <summary>The name rules the injector checks before anything reaches the sidecar's config.</summary>
internal static partial class Names
{
    /// <summary>The sidecar's secret (and backend) name rule: a file name and an API name.</summary>
    public static bool IsSecretName(string name) => name.Length <= 253 && SecretName().IsMatch(name);

    /// <summary>A ConfigMap name: an RFC 1123 DNS subdomain.</summary>
    public static bool IsConfigMapName(string name) => name.Length <= 253 && DnsSubdomain().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();
}
