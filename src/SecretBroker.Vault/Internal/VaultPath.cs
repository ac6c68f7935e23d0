using System.Globalization;

namespace SecretBroker.Vault.Internal;

/// <summary>
/// A secret's id, the Vault API path as Vault Agent annotations write it: <c>&lt;mount&gt;/data/&lt;path&gt;</c> is KV v2
/// (the first <c>data</c> segment after the mount, with a path after it); anything else is a plain read (KV v1, or a
/// dynamic secret when the answer carries a lease).
/// </summary>
internal sealed record VaultPath(string Id, string? Mount, string? KvPath)
{
    public bool IsKv2 => Mount is not null;

    /// <summary>The KV v2 read path (<c>mount/data/path</c>), with <c>?version=N</c> when pinned.</summary>
    public string DataPath(string? version) => version is null ? Id : $"{Id}?version={version}";

    /// <summary>The KV v2 metadata path (<c>mount/metadata/path</c>).</summary>
    public string MetadataPath => $"{Mount}/metadata/{KvPath}";

    public static VaultPath Parse(string id)
    {
        string[] segments = id.Split('/');
        for (int i = 1; i < segments.Length - 1; i++)
        {
            if (segments[i] == "data")
            {
                return new VaultPath(id, string.Join('/', segments[..i]), string.Join('/', segments[(i + 1)..]));
            }
        }

        return new VaultPath(id, null, null);
    }

    /// <summary>What is wrong with an id, or <see langword="null"/>.</summary>
    public static string? IdProblem(string id) =>
        id.StartsWith('/') ? VaultSettingMessages.IdLeadingSlash
        : id.IndexOfAny(['?', '#']) >= 0 ? VaultSettingMessages.IdQuery
        : id.Split('/') is var segments && segments.Any(static s => s is "." or "..") ? VaultSettingMessages.IdDotSegment
        : segments.Any(static s => s.Length == 0) ? VaultSettingMessages.IdEmptySegment
        : segments.Length < 2 ? VaultSettingMessages.IdSingleSegment
        : null;

    /// <summary>Whether <paramref name="version"/> is a positive integer as KV v2 numbers versions.</summary>
    public static bool IsVersion(string version) =>
        version.Length > 0 && version.All(char.IsAsciiDigit) && version[0] != '0'
        && int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0;

    /// <summary>What is wrong with an auth mount path, or <see langword="null"/>.</summary>
    public static string? MountProblem(string mount) =>
        mount.StartsWith('/') || mount.EndsWith('/') || mount.Split('/').Any(static s => s is "" or "." or "..") || mount.IndexOfAny(['?', '#', ' ']) >= 0
            ? VaultSettingMessages.MountShape
            : null;

    /// <summary>What is wrong with a namespace, or <see langword="null"/> (leading and trailing '/' are tolerated, as Vault does).</summary>
    public static string? NamespaceProblem(string ns) =>
        ns.IndexOfAny(['?', '#']) >= 0 || ns.Trim('/').Split('/').Any(static s => s is "." or "..")
            ? VaultSettingMessages.NamespaceShape
            : null;

    /// <summary>Whether <paramref name="uri"/> names a loopback host (127.0.0.0/8, ::1, localhost).</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with the server address, or <see langword="null"/>.</summary>
    public static string? AddressProblem(Uri uri) =>
        !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) ? $"'{uri.OriginalString}' is not an absolute https URL"
        : uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri) ? VaultSettingMessages.NotHttps
        : uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0 ? VaultSettingMessages.AddressHasQuery
        : null;
}
