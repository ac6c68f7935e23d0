namespace SecretBroker.Aws.Internal;

/// <summary>How a <see cref="SecretDefinition"/> maps onto Secrets Manager's <c>SecretId</c>, <c>VersionId</c> and <c>VersionStage</c>.</summary>
internal static class SecretSelector
{
    public const string CurrentStage = "AWSCURRENT";

    private static readonly System.Buffers.SearchValues<char> VersionIdChars = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF-");

    /// <summary>
    /// <see cref="SecretDefinition.Version"/> as a version id when it looks like one (32–64 characters of hex digits and
    /// dashes, as AWS generates: a UUID), else as a stage label (AWSCURRENT, AWSPREVIOUS, AWSPENDING or a custom label).
    /// </summary>
    public static (string? VersionId, string? VersionStage) Select(SecretDefinition secret) =>
        secret.Version is null ? (null, null)
        : LooksLikeVersionId(secret.Version) ? (secret.Version, null)
        : (null, secret.Version);

    /// <summary>The stage the secret follows (<c>AWSCURRENT</c> unless another is named); <see langword="null"/> when a version id is pinned.</summary>
    public static string? Stage(SecretDefinition secret)
    {
        (string? versionId, string? stage) = Select(secret);
        return versionId is null ? stage ?? CurrentStage : null;
    }

    /// <summary>BatchGetSecretValue only returns <c>AWSCURRENT</c>: anything else goes through GetSecretValue.</summary>
    public static bool IsBatchable(SecretDefinition secret) => Stage(secret) == CurrentStage;

    public static bool LooksLikeVersionId(string value) =>
        value.Length is >= 32 and <= 64 && value.AsSpan().IndexOfAnyExcept(VersionIdChars) < 0;

    /// <summary>Whether a returned value answers a requested id: by name, full ARN, or partial ARN (without the 6-character suffix).</summary>
    public static bool Matches(string requestedId, string? name, string? arn) =>
        string.Equals(requestedId, name, StringComparison.Ordinal)
        || string.Equals(requestedId, arn, StringComparison.Ordinal)
        || (arn is not null && arn.Length == requestedId.Length + 7 && arn.StartsWith(requestedId + "-", StringComparison.Ordinal));
}
