using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SecretBroker.Sidecar.Outputs.Files.Formats;

/// <summary>
/// <c>format: aws-credentials</c>: JSON access keys (<c>AccessKeyId</c>, <c>SecretAccessKey</c>, optional
/// <c>SessionToken</c> and <c>Expiration</c>; other fields ignored) written as an AWS shared-credentials file that
/// botocore and the AWS SDKs read through <c>AWS_SHARED_CREDENTIALS_FILE</c>:
/// <code>
/// # expiration: 2026-12-01T06:00:00Z
/// [default]
/// aws_access_key_id = AKIA…
/// aws_secret_access_key = …
/// aws_session_token = …
/// </code>
/// Every value must be printable ASCII without spaces: a line break in a value would add lines (keys, profiles) to the file.
/// </summary>
internal static class AwsCredentialsFile
{
    /// <summary>The file's bytes, or <see langword="null"/> with <paramref name="problem"/> saying why the value does not fit.</summary>
    public static byte[]? Render(ReadOnlyMemory<byte> value, out string? problem)
    {
        using JsonDocument? document = JsonValue.Parse(value, out problem);
        if (document is null)
        {
            return null;
        }

        JsonElement root = document.RootElement;
        string? accessKeyId = Field(root, "AccessKeyId", required: true, ref problem);
        string? secretAccessKey = Field(root, "SecretAccessKey", required: true, ref problem);
        string? sessionToken = Field(root, "SessionToken", required: false, ref problem);
        string? expirationText = Field(root, "Expiration", required: false, ref problem);
        if (problem is not null)
        {
            return null;
        }

        StringBuilder file = new();
        if (expirationText is not null)
        {
            if (!DateTimeOffset.TryParse(expirationText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset expiration))
            {
                problem = FormatMessages.ExpirationNotADate;
                return null;
            }

            file.Append("# expiration: ").Append(Http.Credentials.AwsTime.Format(expiration)).Append('\n');
        }

        file.Append("[default]\n")
            .Append("aws_access_key_id = ").Append(accessKeyId).Append('\n')
            .Append("aws_secret_access_key = ").Append(secretAccessKey).Append('\n');
        if (sessionToken is not null)
        {
            file.Append("aws_session_token = ").Append(sessionToken).Append('\n');
        }

        return Encoding.ASCII.GetBytes(file.ToString());
    }

    /// <summary>A printable string field; sets <paramref name="problem"/> (keeping the first) when it is missing or unfit.</summary>
    private static string? Field(JsonElement root, string name, bool required, ref string? problem)
    {
        if (!root.TryGetProperty(name, out JsonElement field) || field.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problem ??= FormatMessages.MissingField(name);
            }

            return null;
        }

        if (field.ValueKind != JsonValueKind.String)
        {
            problem ??= FormatMessages.FieldNotAString(name);
            return null;
        }

        string text = field.GetString()!;
        if (text.Length == 0 || text.Any(c => c <= ' ' || c >= '\x7F'))
        {
            problem ??= FormatMessages.FieldNotPrintable(name);
            return null;
        }

        return text;
    }
}
