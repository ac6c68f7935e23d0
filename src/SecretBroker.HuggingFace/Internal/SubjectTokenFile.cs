using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using SecretBroker.Backends;

namespace SecretBroker.HuggingFace.Internal;

/// <summary>
/// The projected service-account token presented to the Hub: read from its user-visible path at every exchange (the
/// kubelet swaps a new one in under <c>..data</c>), and checked to be a JWT whose <c>aud</c> holds
/// <c>https://huggingface.co</c>, so a volume projected for another audience is named rather than sent. Only the
/// payload's <c>aud</c> is read; the signature is the Hub's to verify. The token itself never reaches a message.
/// </summary>
internal static class SubjectTokenFile
{
    /// <summary>Far above any projected token (a few KiB); a larger file is not one.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>
    /// Why the file cannot be used, or <see langword="null"/> when it can: checked when the backend is built, so a
    /// missing file or a wrong audience stops <c>run</c> and <c>check</c> (fail closed).
    /// </summary>
    public static string? Problem(string path)
    {
        if (!File.Exists(path))
        {
            return HuggingFaceMessages.TokenFileMissing(path);
        }

        try
        {
            _ = Read(path);
            return null;
        }
        catch (SecretBackendException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// The token in <paramref name="path"/>. A file that cannot be read is transient (a remount may bring it back); one
    /// that is not a JWT for the Hub's audience is permanent until the file changes.
    /// </summary>
    public static string Read(string path)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            bytes = new byte[MaxBytes + 1];
            int length = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (length > MaxBytes)
            {
                throw HuggingFaceMessages.TokenFile(HuggingFaceMessages.TokenFileTooLarge(path, MaxBytes), SecretErrorKind.Permanent);
            }

            Array.Resize(ref bytes, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string message = e is FileNotFoundException or DirectoryNotFoundException
                ? HuggingFaceMessages.TokenFileMissing(path)
                : HuggingFaceMessages.TokenFileUnreadable(path, e);
            throw HuggingFaceMessages.TokenFile(message, SecretErrorKind.Transient);
        }

        string token = Encoding.UTF8.GetString(bytes).Trim();
        if (token.Length == 0)
        {
            throw HuggingFaceMessages.TokenFile(HuggingFaceMessages.TokenFileEmpty(path), SecretErrorKind.Permanent);
        }

        IReadOnlyList<string> audiences = Audiences(token) ?? throw HuggingFaceMessages.TokenFile(HuggingFaceMessages.NotAJwt(path), SecretErrorKind.Permanent);
        return audiences.Contains(HuggingFaceMessages.Audience, StringComparer.Ordinal)
            ? token
            : throw HuggingFaceMessages.TokenFile(HuggingFaceMessages.WrongAudience(path, audiences), SecretErrorKind.Permanent);
    }

    /// <summary>The <c>aud</c> claim (a string or an array of strings), or <see langword="null"/> when the text is not a JWT.</summary>
    public static IReadOnlyList<string>? Audiences(string token)
    {
        string[] parts = token.Split('.');
        if (parts.Length != 3 || parts[1].Length == 0 || !Base64Url.IsValid(parts[1]))
        {
            return null;
        }

        try
        {
            using JsonDocument payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            if (payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (!payload.RootElement.TryGetProperty("aud", out JsonElement aud))
            {
                return [];
            }

            return aud.ValueKind switch
            {
                JsonValueKind.String => [aud.GetString()!],
                JsonValueKind.Array => [.. aud.EnumerateArray().Where(static a => a.ValueKind == JsonValueKind.String).Select(static a => a.GetString()!)],
                _ => [],
            };
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            // No inner exception kept: the parser's message could quote part of the token.
            return null;
        }
    }
}
