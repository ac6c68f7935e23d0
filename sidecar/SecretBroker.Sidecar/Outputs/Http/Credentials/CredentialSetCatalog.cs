using System.Collections.Frozen;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Outputs.Http.Credentials;

/// <summary>
/// The credential sets of <c>credentials:</c>, answered from the current generations — the secrets' engine for
/// <c>type: secret</c>, <see cref="CredentialSetEngine"/> for <c>aws-assume-role</c>: a request is a lookup (no backend
/// call, no lock). A set's value is parsed once per generation, so a rotation is served from the first request after it
/// is published, and a value that is not access-key JSON spoils only its own set. Nothing expired is ever served.
/// </summary>
internal sealed class CredentialSetCatalog
{
    /// <summary>The SDKs (botocore, .NET) fetch again this long before <c>Expiration</c>.</summary>
    public static readonly TimeSpan SdkRefreshWindow = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Added to a secret's refresh interval (on top of its jitter) when announcing an <c>Expiration</c> for keys that
    /// carry none: the SDK's next fetch then lands after the sidecar's next refresh of the secret, never before it.
    /// </summary>
    public static readonly TimeSpan RefreshSlack = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan NotLoadedRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(1);

    private readonly SecretRefreshEngine _engine;
    private readonly CredentialSetEngine? _sessions;
    private readonly FrozenDictionary<string, CredentialSetSettings> _sets;
    private readonly FrozenDictionary<string, TimeSpan> _refresh;
    private readonly string[] _secretNames;
    private readonly string[] _sessionNames;
    private readonly double _refreshJitter;
    private ParsedGeneration _parsedSecrets = ParsedGeneration.None;
    private ParsedGeneration _parsedSessions = ParsedGeneration.None;

    /// <param name="settings">The validated settings (their <c>credentials:</c> and the secrets' refresh intervals).</param>
    /// <param name="engine">The engine whose current generation holds the sets' secrets.</param>
    /// <param name="sessions">The engine of the <c>aws-assume-role</c> sets; <see langword="null"/> when there are none.</param>
    /// <param name="refreshJitter">The engine's refresh jitter; <see langword="null"/> for the engine's default.</param>
    public CredentialSetCatalog(SidecarSettings settings, SecretRefreshEngine engine, CredentialSetEngine? sessions = null, double? refreshJitter = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _engine = engine;
        _sessions = sessions;
        _secretNames = [.. settings.Credentials.OfType<SecretCredentialSetSettings>().Select(static s => s.Secret).Distinct(StringComparer.Ordinal)];
        _sessionNames = [.. settings.Credentials.OfType<AssumeRoleCredentialSetSettings>().Select(static s => s.Name)];
        _sets = settings.Credentials.ToFrozenDictionary(static s => s.Name, StringComparer.Ordinal);
        _refresh = settings.Secrets.ToFrozenDictionary(static s => s.Name, static s => s.Refresh, StringComparer.Ordinal);
        _refreshJitter = refreshJitter ?? new SecretRefreshEngineOptions().RefreshJitter;
    }

    /// <summary>What to answer for the set <paramref name="name"/> at <paramref name="now"/>.</summary>
    public CredentialAnswer Find(string name, DateTimeOffset now)
    {
        if (!_sets.TryGetValue(name, out CredentialSetSettings? set))
        {
            return new CredentialAnswer.Unknown(CredentialsMessages.UnknownSet(name));
        }

        if (set is AssumeRoleCredentialSetSettings)
        {
            return FindSession(name, now);
        }

        var fromSecret = (SecretCredentialSetSettings)set;
        TimeSpan refresh = _refresh[fromSecret.Secret];
        TimeSpan retry = refresh < NotLoadedRetry ? NotLoadedRetry : refresh > MaxRetry ? MaxRetry : refresh;
        SecretGeneration generation = _engine.Current;
        ParsedSecret? parsed = Parsed(generation, ref _parsedSecrets, _secretNames).GetValueOrDefault(fromSecret.Secret);
        if (parsed is null)
        {
            // Withdrawn by the engine because the secret's lease ended: expired, not "not loaded yet".
            return generation.Expired.ContainsKey(fromSecret.Secret)
                ? new CredentialAnswer.Unavailable("credentials-expired", "Expired", CredentialsMessages.Expired(name, fromSecret.Secret), retry)
                : new CredentialAnswer.Unavailable("credentials-not-loaded", "Not loaded yet", CredentialsMessages.NotLoaded(name, fromSecret.Secret), NotLoadedRetry);
        }

        if (parsed.Keys is not { } keys)
        {
            return new CredentialAnswer.Unavailable(
                "credentials-invalid", "Not access-key JSON", CredentialsMessages.InvalidKeys(name, fromSecret.Secret, parsed.Problem!), retry);
        }

        if (keys.SessionToken is null && !fromSecret.AllowLongTermKeys)
        {
            return new CredentialAnswer.Unavailable("credentials-long-term", "Long-term keys refused", CredentialsMessages.LongTermKeys(name, fromSecret.Secret), retry);
        }

        // Keys without an expiration of their own: one whose SDK refresh point falls after the secret's next refresh.
        DateTimeOffset expiration = keys.Expiration ?? now + (refresh * (1 + _refreshJitter)) + RefreshSlack + SdkRefreshWindow;
        return expiration <= now
            ? new CredentialAnswer.Unavailable("credentials-expired", "Expired", CredentialsMessages.Expired(name, fromSecret.Secret), retry)
            : new CredentialAnswer.Served(keys, expiration, parsed.Stale);
    }

    /// <summary>How many sets would be served stale at <paramref name="now"/> (for the metrics).</summary>
    public int CountStale(DateTimeOffset now) => _sets.Keys.Count(name => Find(name, now) is CredentialAnswer.Served { Stale: true });

    /// <summary>An aws-assume-role set: the session its engine holds, served until it expires (stale while STS fails).</summary>
    private CredentialAnswer FindSession(string name, DateTimeOffset now)
    {
        SecretGeneration generation = _sessions?.Current ?? SecretGeneration.Empty;
        ParsedSecret? parsed = _sessions is null ? null : Parsed(generation, ref _parsedSessions, _sessionNames).GetValueOrDefault(name);
        if (parsed?.Keys is not { Expiration: { } expiration } keys)
        {
            // The session engine withdraws a session when its lease (the session's lifetime) ends.
            return generation.Expired.ContainsKey(name)
                ? new CredentialAnswer.Unavailable("credentials-expired", "Expired", CredentialsMessages.SessionExpired(name), NotLoadedRetry)
                : new CredentialAnswer.Unavailable("credentials-not-loaded", "Not loaded yet", CredentialsMessages.NoSessionYet(name), NotLoadedRetry);
        }

        return expiration <= now
            ? new CredentialAnswer.Unavailable("credentials-expired", "Expired", CredentialsMessages.SessionExpired(name), NotLoadedRetry)
            : new CredentialAnswer.Served(keys, expiration, parsed.Stale);
    }

    private static FrozenDictionary<string, ParsedSecret> Parsed(SecretGeneration generation, ref ParsedGeneration cache, string[] names)
    {
        ParsedGeneration cached = Volatile.Read(ref cache);
        if (cached.Number == generation.Number)
        {
            return cached.Secrets;
        }

        // Two requests racing here parse the same generation twice and store equal results: cheaper than a lock.
        Dictionary<string, ParsedSecret> secrets = new(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (generation.TryGet(name, out SecretEntry? entry))
            {
                AccessKeys? keys = AccessKeys.Parse(entry.Value, out string? problem);
                secrets[name] = new ParsedSecret(keys, problem, entry.Stale);
            }
        }

        ParsedGeneration parsed = new(generation.Number, secrets.ToFrozenDictionary(StringComparer.Ordinal));
        Volatile.Write(ref cache, parsed);
        return parsed.Secrets;
    }

    private sealed record ParsedGeneration(long Number, FrozenDictionary<string, ParsedSecret> Secrets)
    {
        public static ParsedGeneration None { get; } = new(-1, FrozenDictionary<string, ParsedSecret>.Empty);
    }

    private sealed record ParsedSecret(AccessKeys? Keys, string? Problem, bool Stale);
}
