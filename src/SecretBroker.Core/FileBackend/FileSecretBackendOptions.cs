namespace SecretBroker.FileBackend;

/// <summary>Where the <c>file</c> backend reads secrets from, and how it versions them.</summary>
public sealed class FileSecretBackendOptions
{
    /// <summary>The length of a version key in bytes (128 bits).</summary>
    public const int VersionKeySize = 16;

    /// <summary>
    /// A directory holding one file per secret (the secret's <see cref="SecretDefinition.Id"/> is the file's name
    /// relative to it), or a JSON file holding one object whose top-level keys are the ids.
    /// </summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// Supplies the <see cref="VersionKeySize"/>-byte key that versions are derived with (a keyed SipHash-2-4 of the
    /// value, so a version reveals nothing about a short secret to whoever sees it). Called at the first fetch (and
    /// again at the next if it threw, which fails that fetch), so a key kept in a directory prepared at start-up can be
    /// read then. <see langword="null"/> (the default): a
    /// random key per process, so versions of unchanged values differ after a restart. Keep the key secret.
    /// </summary>
    public Func<ReadOnlyMemory<byte>>? VersionKey { get; set; }
}
