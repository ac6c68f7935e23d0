namespace SecretBroker.Vault.Internal;

/// <summary>Messages about a <c>vault</c> backend's settings and secrets (the problem part of <c>FILE:LINE: key: problem</c>).</summary>
internal static class VaultSettingMessages
{
    public const string Required = "is required";

    public const string NotHttps = "must use https (plain http is accepted only for loopback hosts: 127.0.0.0/8, ::1, localhost)";

    public const string AddressHasQuery = "must be the server's address (e.g. https://vault.example:8200): no query, fragment or user info";

    public const string UnknownMethod = "is not an auth method; use kubernetes or jwt";

    public const string MountShape = "must be a mount path without a leading or trailing '/', empty segments, '.' or '..' (e.g. kubernetes or k8s/prod)";

    public const string NamespaceShape = "must be a namespace path without '.' or '..' segments, '?' or '#' (e.g. team-a or team-a/child)";

    public const string NotAbsolute = "must be an absolute path";

    public const string IdLeadingSlash = "must be a Vault API path without a leading '/' (e.g. secret/data/app/db)";

    public const string IdDotSegment = "must not hold a '.' or '..' segment";

    public const string IdEmptySegment = "must not hold an empty segment ('//' or a trailing '/')";

    public const string IdQuery = "must not hold '?' or '#' (a KV v2 version is set with version:)";

    public const string IdSingleSegment = "must name a path under a mount (e.g. secret/data/app/db or kv/app/db), not a single segment";

    public const string VersionNotKv2 = "is only for KV v2 paths (<mount>/data/<path>); other paths have no versions";

    public static string VersionNotPositive(string version) => $"'{version}' is not a KV v2 version (a positive integer)";

    public static string TimeoutOutOfRange(TimeSpan value) => $"'{value}' is out of range (1s to 10m)";

    public static string FileMissing(string key, string path) => $"{key}: the file '{path}' does not exist";
}
