using System.Security.Cryptography;
using System.Text;

namespace SecretBroker.Emulators.SecretsManager;

/// <summary>
/// The Secrets Manager emulator's data, with the admin operations tests and demos use: create or put a
/// version and move the staging labels the way PutSecretValue / UpdateSecretVersionStage do.
/// </summary>
public sealed class SecretStore(TimeProvider time, string region, string accountId)
{
    public const string Current = "AWSCURRENT";
    public const string Previous = "AWSPREVIOUS";
    public const string Pending = "AWSPENDING";
    public const int MaxValueBytes = 65_536;

    private readonly Dictionary<string, StoredSecret> _byName = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string Region => region;
    public string AccountId => accountId;

    /// <summary>Creates the secret if needed and adds a version labelled <see cref="Current"/> (the old one becomes <see cref="Previous"/>).</summary>
    public SecretVersion PutString(string name, string value, string stage = Current) =>
        Put(name, value ?? throw new ArgumentNullException(nameof(value)), null, stage);

    public SecretVersion PutBinary(string name, byte[] value, string stage = Current) =>
        Put(name, null, value ?? throw new ArgumentNullException(nameof(value)), stage);

    public SecretVersion Put(string name, string? secretString, byte[]? secretBinary, string stage = Current)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var size = secretString is not null ? Encoding.UTF8.GetByteCount(secretString) : secretBinary?.Length ?? 0;
        if (size is < 1 or > MaxValueBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(secretString), size, $"A secret value must be 1 to {MaxValueBytes} bytes.");
        }

        if (stage is not (Current or Pending))
        {
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "Stage must be AWSCURRENT or AWSPENDING.");
        }

        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_byName.TryGetValue(name, out var secret))
            {
                var arn = $"arn:aws:secretsmanager:{region}:{accountId}:secret:{name}-{RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 6)}";
                secret = new StoredSecret(name, arn, now);
                _byName[name] = secret;
            }

            var version = new SecretVersion(Guid.NewGuid().ToString(), secretString, secretBinary, now);
            secret.Versions.Add(version);
            MoveStage(secret, stage, version);
            secret.LastChangedDate = now;
            return version;
        }
    }

    /// <summary>Moves a staging label to an existing version (UpdateSecretVersionStage); AWSCURRENT drags AWSPREVIOUS along.</summary>
    public void MoveStage(string name, string stage, string versionId)
    {
        lock (_gate)
        {
            var secret = _byName.GetValueOrDefault(name) ?? throw new KeyNotFoundException(name);
            var version = secret.ById(versionId) ?? throw new KeyNotFoundException(versionId);
            MoveStage(secret, stage, version);
            secret.LastChangedDate = time.GetUtcNow();
        }
    }

    public bool Delete(string name)
    {
        lock (_gate)
        {
            return _byName.Remove(name);
        }
    }

    /// <summary>Finds by name or full ARN, and runs <paramref name="read"/> under the lock.</summary>
    public T? Read<T>(string secretId, Func<StoredSecret, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            var secret = _byName.GetValueOrDefault(secretId) ?? _byName.Values.FirstOrDefault(s => s.Arn == secretId);
            return secret is null ? default : read(secret);
        }
    }

    public IReadOnlyList<string> Names()
    {
        lock (_gate)
        {
            return [.. _byName.Keys.Order(StringComparer.Ordinal)];
        }
    }

    private static void MoveStage(StoredSecret secret, string stage, SecretVersion target)
    {
        var holder = secret.ByStage(stage);
        if (holder == target)
        {
            return;
        }

        holder?.Stages.Remove(stage);
        if (stage == Current && holder is not null)
        {
            secret.ByStage(Previous)?.Stages.Remove(Previous);
            holder.Stages.Add(Previous);
        }

        target.Stages.Remove(Previous);
        target.Stages.Add(stage);
        if (stage == Current)
        {
            // A promoted pending version stops being pending, as RotateSecret's finishSecret step leaves it.
            target.Stages.Remove(Pending);
        }
    }
}
