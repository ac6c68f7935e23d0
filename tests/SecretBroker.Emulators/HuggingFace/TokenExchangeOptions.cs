namespace SecretBroker.Emulators.HuggingFace;

/// <summary>How the Hub's token exchange emulator decides and what it issues (changeable at run time through the admin API).</summary>
public sealed class TokenExchangeOptions
{
    /// <summary>The audience a subject token must carry: the Hub's, <c>https://huggingface.co</c>.</summary>
    public string RequiredAudience { get; set; } = "https://huggingface.co";

    /// <summary>The <c>expires_in</c> of issued access tokens. Default 1 h, as the Hub.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Trusted publishers: resource (a repo <c>org/name</c>, or a user or org name) → the token <c>sub</c> values allowed
    /// to exchange for it (compared exactly, as the Hub does). A resource not listed trusts nobody.
    /// </summary>
    public Dictionary<string, HashSet<string>> ResourceTrust { get; } = new(StringComparer.Ordinal);
}
