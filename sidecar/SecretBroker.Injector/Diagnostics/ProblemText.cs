using System.Security.Cryptography;

namespace SecretBroker.Injector.Diagnostics;

/// <summary>
/// Why a file could not be used, in our words: the binary runs with UseSystemResourceKeys, so the runtime's own
/// messages would read as resource keys (IO_FileNotFound_FileName).
/// </summary>
internal static class ProblemText
{
    public static string Describe(Exception exception) => exception switch
    {
        FileNotFoundException e => $"no such file ({e.FileName})",
        DirectoryNotFoundException => "no such directory",
        UnauthorizedAccessException => "permission denied",
        CryptographicException => "not a PEM certificate with its matching private key",
        FormatException e => e.Message,
        IOException => "cannot read the file",
        _ => exception.GetType().Name,
    };
}
