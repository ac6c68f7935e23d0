namespace SecretBroker.Sidecar.Outputs.Files.Formats;

/// <summary>
/// The shape of a Hugging Face token (<c>profile: huggingface</c>): <c>hf_</c> then printable ASCII, no whitespace.
/// Whitespace around it (a file written with <c>echo</c> ends with a newline) is trimmed: consumers read the file as one
/// bare string, and <c>huggingface_hub</c> would strip it anyway. Whitespace or a control character inside it cannot be
/// part of a token (it would break the <c>Authorization</c> header), so such a value is refused. Shared by the files
/// output and <c>check</c>; problems never quote the value.
/// </summary>
internal static class HuggingFaceToken
{
    /// <summary>The token without surrounding whitespace, or the problem with its shape.</summary>
    public static string? Problem(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> token)
    {
        token = value.Trim(" \t\r\n"u8);
        if (token.IsEmpty)
        {
            return FormatMessages.TokenEmpty;
        }

        foreach (byte b in token)
        {
            if (b <= 0x20 || b >= 0x7F)
            {
                return FormatMessages.TokenHasWhitespace;
            }
        }

        return token.StartsWith("hf_"u8) ? null : FormatMessages.TokenPrefix;
    }
}
