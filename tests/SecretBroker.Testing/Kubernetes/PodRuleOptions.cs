namespace SecretBroker.Testing.Kubernetes;

/// <summary>What a pod is allowed beyond the default rules.</summary>
public sealed record PodRuleOptions
{
    /// <summary>The default: the pod does not talk to the Kubernetes API.</summary>
    public static PodRuleOptions Default { get; } = new();

    /// <summary>
    /// The pod talks to the Kubernetes API, so <c>automountServiceAccountToken</c> may stay unset or true. Off by
    /// default: a SecretBroker pod reads a projected token from its own volume and never needs the API token.
    /// </summary>
    public bool NeedsKubernetesApi { get; init; }
}
