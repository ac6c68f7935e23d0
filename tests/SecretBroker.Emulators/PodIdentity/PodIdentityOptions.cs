namespace SecretBroker.Emulators.PodIdentity;

/// <summary>The Pod Identity agent emulator: one association (the token file's service account → a role).</summary>
public sealed class PodIdentityOptions
{
    /// <summary>The audience the agent's projected token carries.</summary>
    public string Audience { get; set; } = "pods.eks.amazonaws.com";

    /// <summary>Lifetime of issued credentials. Default 1 h (SDKs refetch on every call at ≤ 15 min).</summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The role of the association, reported in the session registry.</summary>
    public string RoleArn { get; set; } = "arn:aws:iam::111122223333:role/broker-pod-identity";
}
