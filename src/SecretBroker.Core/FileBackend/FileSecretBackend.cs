using System.Text.Json;

using SecretBroker.Backends;
using SecretBroker.FileBackend.Internal;

namespace SecretBroker.FileBackend;

/// <summary>
/// The embedded default backend: secrets from a local directory or JSON file, re-read on every refresh (polling; no
/// file-system watcher). Versions are content hashes, so an unchanged file never counts as a change.
/// </summary>
/// <remarks>
/// Whether <see cref="FileSecretBackendOptions.Path"/> is a directory or a JSON file is decided on every fetch by what
/// exists then, so a path that appears later (a volume mounted after start) is picked up. Files are opened by the
/// user-visible path, following symlinks, so kubelet-style <c>..data</c> layouts work.
/// </remarks>
public sealed class FileSecretBackend : ISecretBackend
{
    // A whole batch is one call: the JSON document is read once, so secrets from one file are mutually consistent.
    private static readonly SecretBackendCapabilities FileCapabilities = new(int.MaxValue);

    private readonly string _path;

    /// <summary>Creates the backend.</summary>
    /// <param name="options">Where to read from; <see cref="FileSecretBackendOptions.Path"/> must not be empty.</param>
    public FileSecretBackend(FileSecretBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        _path = Path.GetFullPath(options.Path);
    }

    /// <inheritdoc />
    public SecretBackendCapabilities Capabilities => FileCapabilities;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        cancellationToken.ThrowIfCancellationRequested();

        IReadOnlyList<SecretFetchResult> results = Directory.Exists(_path)
            ? FetchFromDirectory(secrets, cancellationToken)
            : FetchFromJsonFile(secrets, cancellationToken);
        return ValueTask.FromResult(results);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <inheritdoc />
    public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken) => throw new NotSupportedException();

    private SecretFetchResult[] FetchFromDirectory(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        var results = new SecretFetchResult[secrets.Count];
        for (int i = 0; i < secrets.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SecretDefinition secret = secrets[i];
            try
            {
                string file = FileSecretPaths.ResolveInside(_path, secret.Id);
                byte[] value = BoundedFileReader.Read(file, $"secret '{secret.Id}' in {_path}");
                results[i] = Success(secret, value);
            }
            catch (SecretBackendException ex)
            {
                results[i] = SecretFetchResult.Failure(secret.Name, ex);
            }
            catch (IOException)
            {
                // Only FileNotFound/DirectoryNotFound get here (the reader classifies every other IO error).
                results[i] = SecretFetchResult.Failure(secret.Name, FileSecretErrors.NotFound(secret.Id, _path));
            }
        }

        return results;
    }

    private SecretFetchResult[] FetchFromJsonFile(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        byte[] document;
        try
        {
            document = BoundedFileReader.Read(_path, _path);
        }
        catch (IOException)
        {
            // Neither a directory nor a file (only not-found errors get here): every secret is simply not there (yet).
            return [.. secrets.Select(s => SecretFetchResult.Failure(s.Name, FileSecretErrors.NotFound(s.Id, _path)))];
        }

        using JsonDocument json = JsonSecretValues.ParseDocument(document, _path);
        if (json.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw FileSecretErrors.RootNotObject(_path);
        }

        var results = new SecretFetchResult[secrets.Count];
        for (int i = 0; i < secrets.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SecretDefinition secret = secrets[i];
            results[i] = json.RootElement.TryGetProperty(secret.Id, out JsonElement element)
                ? SuccessOrFailure(secret, SecretJsonField.ToBytes(element))
                : SecretFetchResult.Failure(secret.Name, FileSecretErrors.NotFound(secret.Id, _path));
        }

        return results;
    }

    private static SecretFetchResult SuccessOrFailure(SecretDefinition secret, byte[] value)
    {
        try
        {
            return Success(secret, value);
        }
        catch (SecretBackendException ex)
        {
            return SecretFetchResult.Failure(secret.Name, ex);
        }
    }

    private static SecretFetchResult Success(SecretDefinition secret, byte[] value)
    {
        byte[] extracted = secret.Key is null ? value : SecretJsonField.Extract(value, FileSecretErrors.Backend, secret.Id, secret.Key);
        return SecretFetchResult.Success(secret.Name, extracted, ContentVersion.Of(extracted));
    }
}
