using System.Globalization;
using System.Text.Json;

namespace SecretBroker.Sidecar.Outputs.Http.Credentials;

/// <summary>
/// AWS access keys as a <c>type: secret</c> credential set's secret holds them:
/// <c>{"AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?, "AccountId"?}</c> (other members are ignored).
/// </summary>
/// <param name="AccessKeyId">The access key id.</param>
/// <param name="SecretAccessKey">The secret key. Never log it.</param>
/// <param name="SessionToken">The session token; <see langword="null"/> for long-term keys.</param>
/// <param name="Expiration">When the keys expire, if the secret says.</param>
/// <param name="AccountId">The 12-digit account, if the secret says.</param>
internal sealed record AccessKeys(string AccessKeyId, string SecretAccessKey, string? SessionToken, DateTimeOffset? Expiration, string? AccountId)
{
    /// <summary>
    /// Parses <paramref name="value"/>; on failure <paramref name="problem"/> says what is wrong in words that never
    /// quote the value (it holds a secret key).
    /// </summary>
    public static AccessKeys? Parse(ReadOnlyMemory<byte> value, out string? problem)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(value);
            return Read(document.RootElement, out problem);
        }
        catch (JsonException)
        {
            problem = CredentialsMessages.NotJson;
            return null;
        }
    }

    private static AccessKeys? Read(JsonElement root, out string? problem)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = CredentialsMessages.NotAnObject;
            return null;
        }

        string? accessKeyId = Text(root, "AccessKeyId", required: true, out problem);
        string? secretAccessKey = problem is null ? Text(root, "SecretAccessKey", required: true, out problem) : null;
        string? sessionToken = problem is null ? Text(root, "SessionToken", required: false, out problem) : null;
        string? expirationText = problem is null ? Text(root, "Expiration", required: false, out problem) : null;
        string? accountId = problem is null ? Text(root, "AccountId", required: false, out problem) : null;
        if (problem is not null)
        {
            return null;
        }

        DateTimeOffset? expiration = null;
        if (expirationText is not null)
        {
            if (!DateTimeOffset.TryParse(expirationText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
            {
                problem = CredentialsMessages.ExpirationNotATime;
                return null;
            }

            expiration = parsed;
        }

        if (accountId is not null && (accountId.Length != 12 || !accountId.All(char.IsAsciiDigit)))
        {
            problem = CredentialsMessages.AccountIdNotAnAccount;
            return null;
        }

        return new AccessKeys(accessKeyId!, secretAccessKey!, sessionToken, expiration, accountId);
    }

    private static string? Text(JsonElement root, string member, bool required, out string? problem)
    {
        problem = null;
        if (!root.TryGetProperty(member, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            problem = required ? CredentialsMessages.MemberMissing(member) : null;
            return null;
        }

        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } text)
        {
            problem = CredentialsMessages.MemberNotText(member);
            return null;
        }

        // A header value (botocore sends the token as X-Amz-Security-Token): no control characters.
        if (text.Any(char.IsControl))
        {
            problem = CredentialsMessages.MemberHasControlCharacters(member);
            return null;
        }

        return text;
    }
}
