namespace SecretBroker.Settings;

/// <summary>
/// <c>secrets[].format</c>: how the sidecar writes the secret's file. The library (<c>AddSecretBroker</c>) accepts it and
/// ignores it: configuration keys always hold the value as fetched.
/// </summary>
public enum SecretFileFormat
{
    /// <summary><c>raw</c> (the default): exactly the value's bytes.</summary>
    Raw,

    /// <summary>
    /// <c>aws-credentials</c>: the value is JSON access keys (<c>AccessKeyId</c>, <c>SecretAccessKey</c>, optional
    /// <c>SessionToken</c> and <c>Expiration</c>), written as an AWS shared-credentials file with a <c>[default]</c> profile.
    /// </summary>
    AwsCredentials,

    /// <summary><c>dotenv</c>: the value is a JSON object, written as one <c>KEY=value</c> line per field.</summary>
    Dotenv,
}
