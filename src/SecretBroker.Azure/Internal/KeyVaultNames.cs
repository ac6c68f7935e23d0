using System.Text.RegularExpressions;

namespace SecretBroker.Azure.Internal;

/// <summary>What Key Vault accepts as a secret name and a version, and which hosts may be reached over plain http.</summary>
internal static partial class KeyVaultNames
{
    /// <summary>Key Vault's rule for object names: 1 to 127 of <c>[0-9a-zA-Z-]</c>.</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    /// <summary>A version id: 32 hexadecimal characters.</summary>
    public static bool IsVersion(string version) => Version().IsMatch(version);

    /// <summary>Whether plain http (and the emulator-only client settings) is acceptable: 127.0.0.0/8, ::1 or <c>localhost</c>.</summary>
    public static bool IsLoopback(Uri uri) => uri.IsLoopback;

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex("^[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Version();
}
