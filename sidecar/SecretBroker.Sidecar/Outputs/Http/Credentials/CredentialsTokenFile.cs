using SecretBroker.Sidecar.Outputs.Files;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Native;

namespace SecretBroker.Sidecar.Outputs.Http.Credentials;

/// <summary>
/// Writes the <see cref="CredentialsToken"/> to <c>&lt;outputs.files.dir&gt;/aws-credentials-token</c>, the file an
/// inference container names in <c>AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE</c>: exactly the token's bytes (no newline:
/// botocore refuses a header value holding one), with the secret files' mode and group, published by renaming a
/// fully written temporary file over it, so a reader sees the old token or the new one, never a partial file.
/// </summary>
/// <remarks>
/// A regular file beside the generations, not part of them: the token is per start, not per generation, and the
/// files writer touches only its own <c>..</c> entries and the links it made (<c>&lt;name&gt; → ..data/&lt;name&gt;</c>),
/// so generation flips and layout repairs leave this file alone. Config validation refuses a secret of the same name.
/// </remarks>
internal static class CredentialsTokenFile
{
    /// <summary>The file's name in the files directory.</summary>
    public const string FileName = "aws-credentials-token";

    // One dot: the files writer leaves single-dot names alone (its own entries all start with "..").
    private const string TemporaryName = ".aws-credentials-token.tmp";

    /// <summary>Publishes <paramref name="token"/>; returns the file's path.</summary>
    /// <exception cref="IOException">The file cannot be written (the message names it).</exception>
    public static string Write(FilesOutputSettings files, CredentialsToken token)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(token);
        string path = Path.Combine(files.Directory, FileName);
        string temporary = Path.Combine(files.Directory, TemporaryName);

        // A leftover of a crashed start (ours: the directory is ours alone, checked by the files output).
        File.Delete(temporary);
        SecretFile.Write(temporary, token.Value, files);
        LibC.Rename(temporary, path);
        return path;
    }
}
