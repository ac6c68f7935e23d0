namespace SecretBroker.Emulators.SecretsManager;

/// <summary>One immutable version of a secret and the staging labels it carries now.</summary>
public sealed class SecretVersion
{
    internal SecretVersion(string versionId, string? secretString, byte[]? secretBinary, DateTimeOffset created)
    {
        VersionId = versionId;
        SecretString = secretString;
        SecretBinary = secretBinary;
        CreatedDate = created;
    }

    public string VersionId { get; }
    public string? SecretString { get; }
    public byte[]? SecretBinary { get; }
    public DateTimeOffset CreatedDate { get; }
    internal SortedSet<string> Stages { get; } = new(StringComparer.Ordinal);
    public IReadOnlyList<string> VersionStages => [.. Stages];
}
