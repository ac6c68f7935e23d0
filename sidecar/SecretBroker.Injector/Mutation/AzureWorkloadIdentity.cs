using System.Globalization;
using k8s.Models;

namespace SecretBroker.Injector.Mutation;

/// <summary>
/// Pods labelled <c>azure.workload.identity/use: "true"</c>. The Azure workload identity webhook gives every container
/// not named in <c>azure.workload.identity/skip-containers</c> the Entra identity: <c>AZURE_*</c> variables and a
/// projected token for <c>api://AzureADTokenExchange</c>. Webhooks run in no fixed order and that one is reinvoked
/// after us (<c>reinvocationPolicy: IfNeeded</c>), so:
/// <list type="bullet">
/// <item>it ran first and gave an app container the identity: <see cref="IdentityForwarding"/> has copied it, following
/// <c>AZURE_FEDERATED_TOKEN_FILE</c> to whichever mount holds it (webhook 1.6.0 moved the path);</item>
/// <item>it has not given anyone the token yet (it runs after us, or every app container is skipped): the sidecar gets
/// its own token under the webhook's pre-1.6 volume name and path (so a webhook that writes that name writes the same
/// thing), with <c>AZURE_FEDERATED_TOKEN_FILE</c> and <c>AZURE_AUTHORITY_HOST</c>. The client and tenant ids live on
/// the ServiceAccount, which an AdmissionReview does not carry: the Azure webhook adds them to the sidecar (it only
/// ever adds variables a container lacks), or the backend's <c>clientId</c>/<c>tenantId</c> name them.</item>
/// </list>
/// Either way, app containers that hold the identity too are named in a warning: keeping it from them is the point.
/// </summary>
internal static class AzureWorkloadIdentity
{
    public const string UseLabel = "azure.workload.identity/use";
    public const string SkipContainersAnnotation = "azure.workload.identity/skip-containers";
    public const string TokenExpirationAnnotation = "azure.workload.identity/service-account-token-expiration";
    public const string Audience = "api://AzureADTokenExchange";

    /// <summary>The volume name, mount path and file of the webhook before 1.6.0 (it is the sidecar's own token's too).</summary>
    public const string VolumeName = "azure-identity-token";
    public const string MountPath = "/var/run/secrets/azure/tokens";
    public const string TokenFileName = "azure-identity-token";

    /// <summary>The webhook's bounds for the token's lifetime, in seconds; 3600 is its default.</summary>
    public const long MinExpirationSeconds = 3600;
    public const long MaxExpirationSeconds = 86400;

    private const string TokenFileVariable = "AZURE_FEDERATED_TOKEN_FILE";
    private static readonly string[] IdentityVariables = ["AZURE_CLIENT_ID", TokenFileVariable];

    public static bool IsLabelled(V1ObjectMeta? metadata) =>
        metadata?.Labels is { } labels && labels.TryGetValue(UseLabel, out string? use) && use == "true";

    /// <summary>A pod volume of the reserved name that is not a token for Entra is denied: the sidecar would present it.</summary>
    public static IEnumerable<string> Conflicts(V1PodSpec spec)
    {
        foreach (V1Volume volume in spec.Volumes ?? [])
        {
            if (volume.Name == VolumeName && !IsEntraToken(volume))
            {
                yield return $"volume '{VolumeName}' is not a projected service-account token for {Audience}: the name is the Azure workload identity token's, which the sidecar presents to Entra (rename yours)";
            }
        }
    }

    /// <summary>
    /// Gives the sidecar of a labelled pod its own token when forwarding found none. Returns the volume to add, or null
    /// (not labelled, the token is already forwarded, or the pod has the webhook's volume and it is mounted from there).
    /// </summary>
    public static V1Volume? CompleteSidecar(V1Container sidecar, V1Pod pod, InjectorSettings settings, List<string> warnings)
    {
        if (!IsLabelled(pod.Metadata) || (sidecar.Env ?? []).Any(static e => e.Name == TokenFileVariable))
        {
            return null;
        }

        V1PodSpec spec = pod.Spec;
        V1Volume? existing = (spec.Volumes ?? []).FirstOrDefault(static v => v.Name == VolumeName);
        V1Volume? added = existing is null ? TokenVolume(Expiration(pod.Metadata?.Annotations, warnings)) : null;
        string file = $"{MountPath}/{TokenPath(existing ?? added!)}";

        List<V1EnvVar> env = [.. sidecar.Env ?? []];
        env.Add(new V1EnvVar { Name = TokenFileVariable, Value = file });
        if (!env.Any(static e => e.Name == "AZURE_AUTHORITY_HOST"))
        {
            env.Add(new V1EnvVar { Name = "AZURE_AUTHORITY_HOST", Value = settings.AzureAuthorityHost });
        }

        sidecar.Env = env;
        sidecar.VolumeMounts = [.. sidecar.VolumeMounts ?? [], new V1VolumeMount { Name = VolumeName, MountPath = MountPath, ReadOnlyProperty = true }];
        if (SkipContainers(pod.Metadata?.Annotations).Contains(InjectorLayout.SidecarName))
        {
            warnings.Add($"secretbroker: {SkipContainersAnnotation} names the sidecar, so the Azure webhook will not give it AZURE_CLIENT_ID and AZURE_TENANT_ID: set clientId and tenantId on its backend, or take '{InjectorLayout.SidecarName}' off that list");
        }

        return added;
    }

    /// <summary>App containers that hold (or, labelled, will be given) the identity and are not skipped.</summary>
    public static void WarnAboutExposedContainers(V1Pod pod, List<string> warnings)
    {
        V1PodSpec spec = pod.Spec;
        bool labelled = IsLabelled(pod.Metadata);
        HashSet<string> skipped = SkipContainers(pod.Metadata?.Annotations);
        string[] exposed =
        [
            .. spec.Containers.Concat(spec.InitContainers ?? [])
                .Where(c => c.Name != InjectorLayout.SidecarName && !skipped.Contains(c.Name))
                .Where(c => labelled || (c.Env ?? []).Any(static e => IdentityVariables.Contains(e.Name, StringComparer.Ordinal)))
                .Select(static c => c.Name),
        ];
        if (exposed.Length > 0)
        {
            warnings.Add($"secretbroker: {string.Join(", ", exposed)} also get the Azure workload identity (the Azure webhook gives it to every container not in {SkipContainersAnnotation}): set {SkipContainersAnnotation}: \"{string.Join(';', exposed)}\" so only the sidecar holds it");
        }
    }

    /// <summary>The webhook's list, separated by ';'.</summary>
    public static HashSet<string> SkipContainers(IDictionary<string, string>? annotations) =>
        annotations is not null && annotations.TryGetValue(SkipContainersAnnotation, out string? list)
            ? new HashSet<string>(list.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The pod's annotation, clamped to the webhook's 3600–86400 s; 3600 without one (or with an unreadable one).</summary>
    public static long Expiration(IDictionary<string, string>? annotations, List<string> warnings)
    {
        if (annotations is null || !annotations.TryGetValue(TokenExpirationAnnotation, out string? text))
        {
            return MinExpirationSeconds;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            warnings.Add($"secretbroker: {TokenExpirationAnnotation} is not a number of seconds: the sidecar's token lives {MinExpirationSeconds} s");
            return MinExpirationSeconds;
        }

        long clamped = Math.Clamp(seconds, MinExpirationSeconds, MaxExpirationSeconds);
        if (clamped != seconds)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"secretbroker: {TokenExpirationAnnotation} {seconds} is outside {MinExpirationSeconds}–{MaxExpirationSeconds}: the sidecar's token lives {clamped} s"));
        }

        return clamped;
    }

    public static V1Volume TokenVolume(long expirationSeconds) => new()
    {
        Name = VolumeName,
        Projected = new V1ProjectedVolumeSource
        {
            Sources =
            [
                new V1VolumeProjection
                {
                    ServiceAccountToken = new V1ServiceAccountTokenProjection { Audience = Audience, ExpirationSeconds = expirationSeconds, Path = TokenFileName },
                },
            ],
        },
    };

    private static bool IsEntraToken(V1Volume volume) =>
        volume.Projected?.Sources is { Count: 1 } sources && sources[0].ServiceAccountToken is { Audience: Audience, Path: { Length: > 0 } };

    private static string TokenPath(V1Volume volume) => volume.Projected.Sources[0].ServiceAccountToken.Path;
}
