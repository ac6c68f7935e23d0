using System.Globalization;

namespace SecretBroker.Sidecar.Outputs.Http.Credentials;

/// <summary>Times as the AWS SDKs read them in credentials (ISO-8601, UTC, whole seconds): one format for every answer and file.</summary>
internal static class AwsTime
{
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
