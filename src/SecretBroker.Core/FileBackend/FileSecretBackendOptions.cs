namespace SecretBroker.FileBackend;

/// <summary>Where the <c>file</c> backend reads secrets from.</summary>
public sealed class FileSecretBackendOptions
{
    /// <summary>
    /// A directory holding one file per secret (the secret's <see cref="SecretDefinition.Id"/> is the file's name
    /// relative to it), or a JSON file holding one object whose top-level keys are the ids.
    /// </summary>
    public required string Path { get; init; }
}
