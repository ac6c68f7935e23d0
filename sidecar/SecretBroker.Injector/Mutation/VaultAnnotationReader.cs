using k8s.Models;
using SecretBroker.Sidecar.Conversion;

namespace SecretBroker.Injector.Mutation;

/// <summary>
/// With <c>--vault-annotations</c>: reads a pod that asks the Vault Agent injector for an agent
/// (<c>vault.hashicorp.com/agent-inject</c> or <c>openbao.org/agent-inject</c>, present and not false) through the very
/// converter of <c>secretbroker convert vault-annotations</c>, so the injected config is what the command prints and a
/// pod is refused for what the command refuses, each problem naming its annotation. A pod that says anything about
/// <c>secretbroker.io/inject</c> is read by <see cref="AnnotationReader"/> alone: <c>"false"</c> there keeps a pod on
/// Vault Agent.
/// </summary>
internal static class VaultAnnotationReader
{
    /// <summary>strconv.ParseBool's false spellings (the Vault injector's reading); any other value asks for injection.</summary>
    private static readonly string[] FalseSpellings = ["0", "f", "F", "false", "FALSE", "False"];

    private const string InjectStatus = "agent-inject-status";
    private const string InjectContainers = "agent-inject-containers";

    /// <summary>The prefix whose <c>agent-inject</c> asks for injection, or null.</summary>
    public static string? RequestingPrefix(Func<string, string?> annotation) =>
        VaultAnnotationTable.Prefixes.FirstOrDefault(p => annotation(p + "agent-inject") is { } value && !FalseSpellings.Contains(value, StringComparer.Ordinal));

    public static AnnotationReading Read(V1ObjectMeta? metadata, InjectorSettings settings)
    {
        IDictionary<string, string>? annotations = metadata?.Annotations;
        if (!settings.HonorVaultAnnotations || annotations is null
            || annotations.ContainsKey(InjectorLayout.AnnotationPrefix + "inject")
            || RequestingPrefix(k => annotations.TryGetValue(k, out string? v) ? v : null) is not { } prefix)
        {
            return AnnotationReading.NotRequested;
        }

        if (annotations.TryGetValue(prefix + InjectStatus, out string? vaultStatus) && vaultStatus == InjectorLayout.InjectedStatus)
        {
            // The Vault injector ran first and added its agent: two agents would both log in and write; leave it to that one.
            return AnnotationReading.NotRequested;
        }

        List<string> problems = [];
        string status = InjectorLayout.AnnotationPrefix + "inject-status";
        if (annotations.TryGetValue(status, out string? ours))
        {
            if (ours == InjectorLayout.InjectedStatus)
            {
                return AnnotationReading.AlreadyInjected;
            }

            problems.Add($"annotation {status}: is written by the injector (\"injected\"); remove it");
        }

        if (annotations.ContainsKey(InjectorLayout.GeneratedConfigAnnotation))
        {
            problems.Add($"annotation {InjectorLayout.GeneratedConfigAnnotation}: is written by the injector; remove it");
        }

        // Lines stand for the order the converter reports in: the keys' own order, as the API server sorts them.
        PodAnnotation[] entries = [.. annotations.OrderBy(static a => a.Key, StringComparer.Ordinal).Select(static (a, i) => new PodAnnotation(a.Key, a.Value ?? string.Empty, i + 1))];
        string source = $"Pod {metadata!.Name ?? metadata.GenerateName}".TrimEnd();
        List<SettingsError> errors = [];
        VaultConversion? conversion = VaultAnnotationConverter.Convert(new PodAnnotations(source, 0, entries), errors);
        problems.AddRange(errors.Select(e => $"annotation {e.Path ?? prefix + "agent-inject"}: {e.Problem}"));
        if (conversion is null)
        {
            return AnnotationReading.Invalid(problems);
        }

        conversion.Address ??= settings.VaultAddress;
        if (conversion.Address is null)
        {
            problems.Add($"annotation {prefix}service: not set, and the injector has no --vault-address (the cluster's Vault): give the pod {prefix}service, or start the injector with --vault-address");
        }

        problems.AddRange(DirectoryProblems(conversion));
        if (problems.Count > 0)
        {
            return AnnotationReading.Invalid(problems);
        }

        // The converter leaves the token file to Vault's default; here it is the projected token the injector mounts.
        conversion.TokenFile ??= InjectorLayout.VaultTokenFile;
        IReadOnlyList<string>? containers = null;
        if (annotations.TryGetValue(prefix + InjectContainers, out string? list))
        {
            // Honoured as the Vault injector does: only these containers get the files. The converter, which cannot mount
            // anything, lists it as ignored; here it is not.
            containers = [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
            conversion.Ignored.RemoveAll(i => i.StartsWith(prefix + InjectContainers + ":", StringComparison.Ordinal));
        }

        return AnnotationReading.Inject(new InjectionRequest(null, [], containers) { Vault = conversion, ContainersAnnotation = prefix + InjectContainers });
    }

    // The files' directory is a volume of its own: it may not hide or sit inside what the injector already mounts.
    private static IEnumerable<string> DirectoryProblems(VaultConversion conversion)
    {
        string[] taken = [InjectorLayout.SharedMountPath, InjectorLayout.TokenMountPath, InjectorLayout.ConfigMountPath, InjectorLayout.VaultTokenMountPath];
        foreach (string path in (conversion.TlsSecret is null ? taken : [.. taken, InjectorLayout.VaultTlsMountPath]).Where(t => Overlaps(conversion.Dir, t)))
        {
            yield return $"annotation {conversion.Prefix}secret-volume-path: '{conversion.Dir}' overlaps {path}, where the injector mounts a volume of its own; choose another directory (Vault Agent's default is /vault/secrets)";
        }
    }

    public static bool Overlaps(string a, string b) => IsUnder(a, b) || IsUnder(b, a);

    private static bool IsUnder(string path, string root) =>
        path.TrimEnd('/') == root.TrimEnd('/') || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);
}
