using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SecretBroker.Emulators.S3;

/// <summary>
/// Buckets of objects ("model files") for the S3 emulator. A bucket may name the roles allowed to read it, so a test
/// can tell the model-store role's credentials from the sidecar's own.
/// </summary>
public sealed class ObjectStore(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Creates (or re-configures) a bucket; <paramref name="allowedRoles"/> empty = any verified caller.</summary>
    public void CreateBucket(string bucket, IReadOnlyCollection<string>? allowedRoles = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        Bucket created = _buckets.GetOrAdd(bucket, static _ => new Bucket());
        created.AllowedRoles = [.. allowedRoles ?? []];
    }

    /// <summary>Writes an object (creating its bucket when needed).</summary>
    public StoredObject Put(string bucket, string key, byte[] content, string contentType = "application/octet-stream")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(content);
        Bucket target = _buckets.GetOrAdd(bucket, static _ => new Bucket());
#pragma warning disable CA5351 // S3's ETag of a single-part object is its MD5: a checksum clients compare, not security.
        string etag = "\"" + Convert.ToHexStringLower(MD5.HashData(content)) + "\"";
#pragma warning restore CA5351
        StoredObject stored = new(key, content, etag, TruncateToSeconds(time.GetUtcNow()), contentType);
        target.Objects[key] = stored;
        return stored;
    }

    public bool Delete(string bucket, string key) => _buckets.TryGetValue(bucket, out Bucket? b) && b.Objects.TryRemove(key, out _);

    public bool BucketExists(string bucket) => _buckets.ContainsKey(bucket);

    /// <summary>Whether a caller whose session carries <paramref name="roleArn"/> may read <paramref name="bucket"/>.</summary>
    public bool Allows(string bucket, string? roleArn) =>
        _buckets.TryGetValue(bucket, out Bucket? b) && (b.AllowedRoles.Count == 0 || (roleArn is not null && b.AllowedRoles.Contains(roleArn)));

    public StoredObject? Get(string bucket, string key) =>
        _buckets.TryGetValue(bucket, out Bucket? b) && b.Objects.TryGetValue(key, out StoredObject? o) ? o : null;

    /// <summary>The bucket's objects in key order (S3 lists in UTF-8 binary order).</summary>
    public IReadOnlyList<StoredObject> List(string bucket) =>
        _buckets.TryGetValue(bucket, out Bucket? b) ? [.. b.Objects.Values.OrderBy(o => o.Key, StringComparer.Ordinal)] : [];

    // S3 keeps Last-Modified to the second on the wire.
    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());

    private sealed class Bucket
    {
        public ConcurrentDictionary<string, StoredObject> Objects { get; } = new(StringComparer.Ordinal);

        public HashSet<string> AllowedRoles { get; set; } = new(StringComparer.Ordinal);
    }
}
