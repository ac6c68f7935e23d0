using SecretBroker.Backends;
using SecretBroker.Settings;

namespace SecretBroker.FileBackend;

/// <summary>Validates <see cref="FileSecretBackendOptions"/>: <c>path</c> is required.</summary>
public sealed class FileSecretBackendOptionsValidator : SecretBackendOptionsValidator<FileSecretBackendOptions>
{
    /// <inheritdoc/>
    public override IEnumerable<SecretBackendSettingProblem> Problems(FileSecretBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            yield return new SecretBackendSettingProblem("path", SettingsMessages.Required);
        }
    }
}
