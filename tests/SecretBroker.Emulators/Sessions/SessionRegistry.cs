using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SecretBroker.Emulators.Sessions;

/// <summary>Every credential STS or the Pod Identity agent issued; Secrets Manager authenticates against it.</summary>
public sealed class SessionRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Session> _byAccessKey = new(StringComparer.Ordinal);

    public Session Issue(string issuedBy, string subject, TimeSpan lifetime, string? roleArn = null, string? assumedRoleArn = null, string? tokenId = null)
    {
        var now = time.GetUtcNow();
        var session = new Session(
            AccessKeyId: "ASIA" + RandomString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
            SecretAccessKey: RandomString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40),
            SessionToken: "IQoJb3JpZ2luX2VtdWxhdG9y" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)),
            // Whole seconds: STS and the agent print whole-second timestamps.
            Expiration: DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds()),
            IssuedBy: issuedBy,
            Subject: subject,
            RoleArn: roleArn,
            AssumedRoleArn: assumedRoleArn)
        {
            IssuedAt = now,
            TokenId = tokenId,
        };
        _byAccessKey[session.AccessKeyId] = session;
        return session;
    }

    /// <summary>Registers externally chosen credentials (tests that need a known key pair).</summary>
    public void Add(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _byAccessKey[session.AccessKeyId] = session;
    }

    public Session? Find(string accessKeyId) => _byAccessKey.TryGetValue(accessKeyId, out var s) ? s : null;

    public IReadOnlyList<Session> All() => [.. _byAccessKey.Values.OrderBy(s => s.Expiration)];

    private static string RandomString(string alphabet, int length) =>
        RandomNumberGenerator.GetString(alphabet, length);
}
