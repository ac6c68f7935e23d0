namespace SecretBroker.Emulators.Sts;

/// <summary>How the STS emulator decides and what it issues.</summary>
public sealed class StsOptions
{
    /// <summary>The audience a web identity token must carry (EKS IRSA: <c>sts.amazonaws.com</c>).</summary>
    public string RequiredAudience { get; set; } = "sts.amazonaws.com";

    /// <summary>Lifetime of issued credentials when the request has no DurationSeconds. Default 1 h (protocols.md §10).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Role trust: RoleArn → the token <c>sub</c> values allowed to assume it. A role not listed cannot be assumed.</summary>
    public Dictionary<string, HashSet<string>> RoleTrust { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Role chaining (<c>AssumeRole</c>): target RoleArn → the role ARNs whose sessions may assume it. A role not
    /// listed cannot be assumed. Session tags need <c>sts:TagSession</c>: roles in <see cref="TagSessionDenied"/> refuse them.
    /// </summary>
    public Dictionary<string, HashSet<string>> AssumeRoleTrust { get; } = new(StringComparer.Ordinal);

    /// <summary>Target roles whose trust policy does not allow <c>sts:TagSession</c>.</summary>
    public HashSet<string> TagSessionDenied { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Test knob: the lifetime of sessions AssumeRole issues, whatever <c>DurationSeconds</c> asked (real STS issues
    /// at least 15 min); <see langword="null"/> (default) honours <c>DurationSeconds</c>. Lets a test watch a client
    /// refresh ahead of expiry in seconds.
    /// </summary>
    public TimeSpan? AssumeRoleSessionLifetime { get; set; }
}
