namespace SecretBroker.Sidecar.Configuration;

/// <summary>Octal permission modes as written in the config (<c>"0440"</c>, <c>"750"</c>) and the rules they must follow.</summary>
internal static class UnixModeText
{
    private const int Other = 0b000_000_111;
    private const int Write = 0b010_010_010;
    private const int Read = 0b100_100_000;
    private const int OwnerAll = 0b111_000_000;
    private const int Special = 0b111_000_000_000;
    private const int OwnerReadWrite = 0b110_000_000;

    /// <summary>
    /// Parses a socket mode. Any permission bits are allowed (the peer-credential check is the access control; the
    /// mode is a first fence), but no special bits, and the owner needs read and write so its own clients connect.
    /// </summary>
    public static string? CheckSocket(string text, out UnixFileMode mode)
    {
        mode = UnixFileMode.None;
        if (Parse(text) is not { } value)
        {
            return ConfigMessages.NotAMode(text);
        }

        if ((value & Special) != 0)
        {
            return ConfigMessages.ModeHasSpecialBits(text);
        }

        if ((value & OwnerReadWrite) != OwnerReadWrite)
        {
            return ConfigMessages.SocketModeLacksOwnerAccess(text);
        }

        mode = (UnixFileMode)value;
        return null;
    }

    /// <summary>Parses <paramref name="text"/>; returns the problem (from <see cref="ConfigMessages"/>) or <see langword="null"/>.</summary>
    public static string? Check(string text, bool isDirectory, out UnixFileMode mode)
    {
        mode = UnixFileMode.None;
        if (Parse(text) is not { } value)
        {
            return ConfigMessages.NotAMode(text);
        }

        if ((value & Special) != 0)
        {
            return ConfigMessages.ModeHasSpecialBits(text);
        }

        if ((value & Other) != 0)
        {
            return ConfigMessages.ModeGrantsOther(text);
        }

        if (isDirectory && (value & OwnerAll) != OwnerAll)
        {
            return ConfigMessages.DirModeLacksOwnerAccess(text);
        }

        if (!isDirectory && (value & Write) != 0)
        {
            return ConfigMessages.FileModeGrantsWrite(text);
        }

        if (!isDirectory && (value & Read) == 0)
        {
            return ConfigMessages.FileModeGrantsNoRead(text);
        }

        mode = (UnixFileMode)value;
        return null;
    }

    private static int? Parse(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[2..];
        }

        if (trimmed.Length is 0 or > 4 || trimmed.AsSpan().ContainsAnyExceptInRange('0', '7'))
        {
            return null;
        }

        return Convert.ToInt32(trimmed, 8);
    }
}
