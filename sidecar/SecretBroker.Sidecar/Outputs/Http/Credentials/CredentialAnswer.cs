namespace SecretBroker.Sidecar.Outputs.Http.Credentials;

/// <summary>What <see cref="CredentialSetCatalog.Find"/> found for one request.</summary>
internal abstract record CredentialAnswer
{
    /// <summary>No credential set has the name: 404.</summary>
    public sealed record Unknown(string Detail) : CredentialAnswer;

    /// <summary>Valid keys to serve, with the <c>Expiration</c> to announce.</summary>
    /// <param name="Keys">The keys.</param>
    /// <param name="Expiration">Later than now: an expired credential is never served.</param>
    /// <param name="Stale">The secret's backend is failing and this is its last good value.</param>
    public sealed record Served(AccessKeys Keys, DateTimeOffset Expiration, bool Stale) : CredentialAnswer;

    /// <summary>The set exists but has nothing valid to serve now: 503 with <c>Retry-After</c>.</summary>
    /// <param name="Type">The problem type (the last part of <c>urn:secretbroker:problem:TYPE</c>).</param>
    /// <param name="Title">Short title.</param>
    /// <param name="Detail">Names the set (and the secret); never a value.</param>
    /// <param name="RetryAfter">When asking again may help.</param>
    public sealed record Unavailable(string Type, string Title, string Detail, TimeSpan RetryAfter) : CredentialAnswer;
}
