using System.Text.Json;

using SecretBroker.Backends;
using SecretBroker.FileBackend.Internal;

namespace SecretBroker.FileBackend;

/// <summary>
/// The embedded default backend: secrets from a local directory or JSON file, re-read on every refresh (polling; no
/// file-system watcher). Versions are keyed content hashes (<see cref="FileSecretBackendOptions.VersionKey"/>), so an
/// unchanged file never counts as a change and a version never gives a value away.
/// </summary>
/// <remarks>
/// Whether <see cref="FileSecretBackendOptions.Path"/> is a directory or a JSON file is decided on every fetch by what
/// exists then, so a path that appears later (a volume mounted after start) is picked up. Files are opened by the
/// user-visible path, following symlinks, so kubelet-style <c>..data</c> layouts work. Only regular files are read: a
/// FIFO, a device or a socket at a secret path is a permanent error for that secret (on Linux it is opened
/// non-blocking and checked on the descriptor, so it can never hang a refresh). The read is synchronous: the engine
/// runs every backend call on the thread pool and stops waiting for it on cancellation.
/// </remarks>
public sealed class FileSecretBackend : ISecretBackend
{
    // A whole batch is one call: the JSON document is read once, so secrets from one file are mutually consistent.
    private static readonly SecretBackendCapabilities FileCapabilities = new(int.MaxValue);

    private readonly string _path;
    private readonly Lazy<ContentVersion> _versions;

    /// <summary>Creates the backend.</summary>
    /// <param name="options">Where to read from; <see cref="FileSecretBackendOptions.Path"/> must not be empty.</param>
    public FileSecretBackend(FileSecretBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        _path = Path.GetFullPath(options.Path);
        Func<ReadOnlyMemory<byte>>? key = options.VersionKey;
        _versions = key is null
            ? new Lazy<ContentVersion>(ContentVersion.ProcessWide)
            : new Lazy<ContentVersion>(() => new ContentVersion(key().Span), LazyThreadSafetyMode.PublicationOnly);
    }

    /// <inheritdoc />
    public SecretBackendCapabilities Capabilities => FileCapabilities;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        cancellationToken.ThrowIfCancellationRequested();

        // Synchronous: the engine runs every backend call on the thread pool and stops waiting on cancellation, so a
        // slow or hung file system holds up neither its loop nor its shutdown (SecretRefreshEngine.CallAsync).
        return ValueTask.FromResult<IReadOnlyList<SecretFetchResult>>(Fetch(secrets, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <inheritdoc />
    public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken) => throw new NotSupportedException();

    private SecretFetchResult[] Fetch(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken) =>
        Directory.Exists(_path) ? FetchFromDirectory(secrets, cancellationToken) : FetchFromJsonFile(secrets, cancellationToken);

    private SecretFetchResult[] FetchFromDirectory(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        // Each file is read once per call, however many definitions take keys from it: fields of one file are one read.
        var reads = new Dictionary<string, (byte[]? Value, SecretBackendException? Error)>(StringComparer.Ordinal);
        var results = new SecretFetchResult[secrets.Count];
        for (int i = 0; i < secrets.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SecretDefinition secret = secrets[i];
            if (!reads.TryGetValue(secret.Id, out (byte[]? Value, SecretBackendException? Error) read))
            {
                read = ReadFile(secret.Id);
                reads.Add(secret.Id, read);
            }

            results[i] = read.Value is { } value ? SuccessOrFailure(secret, value) : SecretFetchResult.Failure(secret.Name, read.Error!);
        }

        return results;
    }

    private (byte[]? Value, SecretBackendException? Error) ReadFile(string id)
    {
        try
        {
            string file = FileSecretPaths.ResolveInside(_path, id);
            return (BoundedFileReader.Read(file, $"secret '{id}' in {_path}"), null);
        }
        catch (SecretBackendException ex)
        {
            return (null, ex);
        }
        catch (IOException)
        {
            // Only FileNotFound/DirectoryNotFound get here (the reader classifies every other IO error).
            return (null, FileSecretErrors.NotFound(id, _path));
        }
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

    private SecretFetchResult SuccessOrFailure(SecretDefinition secret, byte[] value)
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

    private SecretFetchResult Success(SecretDefinition secret, byte[] value)
    {
        byte[] extracted = secret.Key is null ? value : SecretJsonField.Extract(value, FileSecretErrors.Backend, secret.Id, secret.Key);
        return SecretFetchResult.Success(secret.Name, extracted, _versions.Value.Of(extracted));
    }
}
