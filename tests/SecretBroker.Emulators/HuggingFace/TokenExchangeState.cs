using System.Security.Cryptography;
using SecretBroker.Emulators.Oidc;

namespace SecretBroker.Emulators.HuggingFace;

/// <summary>
/// The Hub side of the exchange: the trust configuration and lifetime (from <see cref="TokenExchangeOptions"/>, then the
/// admin API) and every access token issued, so a whoami emulator can accept them and tests can see what was presented.
/// </summary>
public sealed class TokenExchangeState(TokenExchangeOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<IssuedHubToken> _issued = [];

    public string RequiredAudience => options.RequiredAudience;

    public TimeSpan AccessTokenLifetime
    {
        get
        {
            lock (_gate)
            {
                return options.AccessTokenLifetime;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromSeconds(1));
            lock (_gate)
            {
                options.AccessTokenLifetime = value;
            }
        }
    }

    public IReadOnlyList<IssuedHubToken> Issued
    {
        get
        {
            lock (_gate)
            {
                return [.. _issued];
            }
        }
    }

    public void Trust(string resource, IEnumerable<string> subjects)
    {
        lock (_gate)
        {
            options.ResourceTrust[resource] = new HashSet<string>(subjects, StringComparer.Ordinal);
        }
    }

    public bool Untrust(string resource)
    {
        lock (_gate)
        {
            return options.ResourceTrust.Remove(resource);
        }
    }

    public IReadOnlyDictionary<string, string[]> TrustSnapshot()
    {
        lock (_gate)
        {
            return options.ResourceTrust.ToDictionary(kv => kv.Key, kv => kv.Value.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        }
    }

    public bool IsTrusted(string resource, string subject)
    {
        lock (_gate)
        {
            return options.ResourceTrust.TryGetValue(resource, out var subjects) && subjects.Contains(subject);
        }
    }

    /// <summary>An <c>hf_jwt_…</c> token for a validated subject token.</summary>
    public IssuedHubToken Issue(ValidatedToken subject, string resource)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var token = new IssuedHubToken(
                "hf_jwt_" + Base64Url.Encode(RandomNumberGenerator.GetBytes(32)),
                subject.Subject,
                resource,
                now,
                now + options.AccessTokenLifetime,
                subject.Id);
            _issued.Add(token);
            return token;
        }
    }

    /// <summary>The issued token <paramref name="accessToken"/> when it exists and has not expired.</summary>
    public IssuedHubToken? FindLive(string accessToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return _issued.FirstOrDefault(t => string.Equals(t.AccessToken, accessToken, StringComparison.Ordinal) && t.ExpiresAt > now);
        }
    }
}
