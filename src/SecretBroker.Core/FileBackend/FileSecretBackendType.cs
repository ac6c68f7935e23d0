using SecretBroker.Backends;

namespace SecretBroker.FileBackend;

/// <summary>The <c>file</c> backend type: <c>path</c>, a directory with one file per secret or one JSON object file.</summary>
public sealed class FileSecretBackendType : SecretBackendType<FileSecretBackendOptions>
{
    private FileSecretBackendType()
    {
    }

    /// <summary>The one instance.</summary>
    public static FileSecretBackendType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "file";

    /// <inheritdoc/>
    public override SecretBackendSettingMap<FileSecretBackendOptions> Settings { get; } = new SecretBackendSettingMap<FileSecretBackendOptions>()
        .Path("path", (options, path) => options.Path = path);

    /// <inheritdoc/>
    public override SecretBackendOptionsValidator<FileSecretBackendOptions> Validator { get; } = new FileSecretBackendOptionsValidator();

    /// <inheritdoc/>
    public override ISecretBackend Create(FileSecretBackendOptions options, SecretBackendContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new FileSecretBackend(new FileSecretBackendOptions { Path = options.Path, VersionKey = options.VersionKey ?? context.VersionKey });
    }
}
