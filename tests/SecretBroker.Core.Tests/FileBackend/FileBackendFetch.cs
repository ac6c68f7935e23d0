using System.Text;

using SecretBroker.Backends;
using SecretBroker.FileBackend;

namespace SecretBroker.Core.Tests.FileBackend;

/// <summary>Shorthand for one backend call in tests.</summary>
internal static class FileBackendFetch
{
    public static SecretDefinition Secret(string id, string? key = null, string? name = null) =>
        new(name ?? Sanitize(id), "local", id, TimeSpan.FromSeconds(30)) { Key = key };

    public static async Task<IReadOnlyList<SecretFetchResult>> FetchAsync(string path, params SecretDefinition[] secrets) =>
        await new FileSecretBackend(new FileSecretBackendOptions { Path = path }).FetchAsync(secrets, CancellationToken.None);

    public static async Task<SecretFetchResult> FetchOneAsync(string path, SecretDefinition secret) =>
        Assert.Single(await FetchAsync(path, secret));

    public static string Text(this SecretFetchResult result)
    {
        Assert.True(result.Succeeded, result.Error?.Message);
        return Encoding.UTF8.GetString(result.Value.Span);
    }

    private static string Sanitize(string id)
    {
        string name = new([.. id.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        return name.Trim('-') is { Length: > 0 } trimmed ? trimmed : "x";
    }
}
