namespace SecretBroker.Emulators.Oidc;

/// <summary>What a projected service-account token is minted for (the pod, its service account, the audience).</summary>
public sealed record ServiceAccountTokenRequest
{
    public string Namespace { get; init; } = "apps";
    public string ServiceAccount { get; init; } = "broker";
    public string PodName { get; init; } = "broker-0";
    public IReadOnlyList<string> Audiences { get; init; } = ["sts.amazonaws.com"];
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The token's <c>sub</c>: <c>system:serviceaccount:&lt;ns&gt;:&lt;sa&gt;</c>.</summary>
    public string Subject => $"system:serviceaccount:{Namespace}:{ServiceAccount}";
}
