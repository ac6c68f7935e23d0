namespace SecretBroker.Aws.Internal;

/// <summary>One secret value as <c>GetSecretValue</c> or <c>BatchGetSecretValue</c> returns it. Never log it.</summary>
internal sealed record SecretValueEntry(string? Arn, string? Name, string? VersionId, string? SecretString, byte[]? SecretBinary, double? CreatedDate);

/// <summary>A per-id failure inside a <c>BatchGetSecretValue</c> answer.</summary>
internal sealed record BatchItemError(string? SecretId, string? ErrorCode, string? Message);

/// <summary>A <c>BatchGetSecretValue</c> answer.</summary>
internal sealed record BatchGetResult(IReadOnlyList<SecretValueEntry> Values, IReadOnlyList<BatchItemError> Errors);

/// <summary>A <c>DescribeSecret</c> answer, reduced to what the probe needs.</summary>
internal sealed record SecretDescription(string? Arn, string? Name, IReadOnlyDictionary<string, IReadOnlyList<string>> VersionIdsToStages, double? LastChangedDate);
