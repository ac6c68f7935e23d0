namespace SecretBroker.Aws;

/// <summary>How a refresh cycle reads Secrets Manager (the cost model is in the package README).</summary>
public enum AwsRefreshMode
{
    /// <summary>Fetch every due secret: ⌈N/20⌉ <c>BatchGetSecretValue</c> calls for N secrets on <c>AWSCURRENT</c>.</summary>
    Batch,

    /// <summary>
    /// One <c>DescribeSecret</c> per secret first (no value crosses the wire), then fetch only the secrets whose requested
    /// stage moved to another version id.
    /// </summary>
    Probe,
}
