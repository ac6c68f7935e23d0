using System.Buffers;

namespace SecretBroker;

/// <summary>
/// Rules for secret names. A name becomes a file name and a URL segment, so it is restricted to
/// <c>[a-z0-9]([a-z0-9._-]*[a-z0-9])?</c> and at most <see cref="MaxLength"/> characters: no separators,
/// no leading dot (so never <c>..data</c> or <c>..</c>), no traversal.
/// </summary>
public static class SecretName
{
    /// <summary>The longest name accepted (a DNS subdomain's limit, as Kubernetes uses for keys).</summary>
    public const int MaxLength = 253;

    private static readonly SearchValues<char> Edge = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");
    private static readonly SearchValues<char> Inner = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <summary>The pattern, for messages and documentation.</summary>
    public const string Pattern = "[a-z0-9]([a-z0-9._-]*[a-z0-9])?";

    /// <summary>Returns whether <paramref name="name"/> is an acceptable secret name.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return false;
        }

        ReadOnlySpan<char> span = name;
        return Edge.Contains(span[0])
            && Edge.Contains(span[^1])
            && !span.ContainsAnyExcept(Inner);
    }
}
