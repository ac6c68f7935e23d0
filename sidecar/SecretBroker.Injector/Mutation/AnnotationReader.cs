namespace SecretBroker.Injector.Mutation;

/// <summary>
/// Reads a pod's <c>secretbroker.io/</c> annotations. Every problem is collected, so one denial names them all; a pod
/// that does not opt in is never judged on its other annotations (it is left alone).
/// </summary>
internal static class AnnotationReader
{
    private const string Inject = "inject";
    private const string Config = "config";
    private const string Containers = "containers";
    private const string Status = "inject-status";
    private const string SecretPrefix = "secret-";

    /// <summary>What the annotations say.</summary>
    public static AnnotationReading Read(IDictionary<string, string>? annotations, BackendCatalog backends)
    {
        if (annotations is null || !annotations.TryGetValue(InjectorLayout.AnnotationPrefix + Inject, out string? inject) || inject == "false")
        {
            return AnnotationReading.NotRequested;
        }

        List<string> problems = [];
        if (inject != "true")
        {
            problems.Add(Problem(Inject, "must be \"true\" or \"false\""));
        }

        if (annotations.TryGetValue(InjectorLayout.AnnotationPrefix + Status, out string? status))
        {
            if (status == InjectorLayout.InjectedStatus && problems.Count == 0)
            {
                return AnnotationReading.AlreadyInjected;
            }

            if (status != InjectorLayout.InjectedStatus)
            {
                problems.Add(Problem(Status, "is written by the injector (\"injected\"); remove it"));
            }
        }

        string? configMap = null;
        IReadOnlyList<string>? containers = null;
        List<SecretReference> secrets = [];
        foreach ((string key, string value) in annotations.OrderBy(static a => a.Key, StringComparer.Ordinal))
        {
            if (key == InjectorLayout.GeneratedConfigAnnotation)
            {
                problems.Add($"annotation {key}: is written by the injector; remove it");
                continue;
            }

            if (!key.StartsWith(InjectorLayout.AnnotationPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            string name = key[InjectorLayout.AnnotationPrefix.Length..];
            switch (name)
            {
                case Inject or Status:
                    break;
                case Config:
                    configMap = ReadConfigMap(value, problems);
                    break;
                case Containers:
                    containers = ReadContainers(value, problems);
                    break;
                default:
                    if (name.StartsWith(SecretPrefix, StringComparison.Ordinal))
                    {
                        ReadSecret(name[SecretPrefix.Length..], value, backends, secrets, problems);
                    }
                    else
                    {
                        problems.Add(Problem(name, "unknown key (known: inject, config, containers, inject-status, secret-<name>)"));
                    }

                    break;
            }
        }

        bool hasConfig = annotations.ContainsKey(InjectorLayout.AnnotationPrefix + Config);
        if (hasConfig && secrets.Count > 0)
        {
            problems.Add(Problem(Config, "cannot be combined with secret-<name> annotations: name the secrets in the ConfigMap, or drop config to have them generated"));
        }
        else if (!hasConfig && secrets.Count == 0 && problems.Count == 0)
        {
            problems.Add(Problem(Inject, "needs secretbroker.io/config (a ConfigMap) or at least one secretbroker.io/secret-<name>"));
        }

        return problems.Count > 0
            ? AnnotationReading.Invalid(problems)
            : AnnotationReading.Inject(new InjectionRequest(configMap, secrets, containers));
    }

    private static string? ReadConfigMap(string value, List<string> problems)
    {
        if (value.Contains('/', StringComparison.Ordinal))
        {
            problems.Add(Problem(Config, "names a ConfigMap in another namespace; a pod can mount only one of its own namespace (give the bare name)"));
            return null;
        }

        if (!Names.IsConfigMapName(value))
        {
            problems.Add(Problem(Config, "is not a ConfigMap name (a DNS subdomain: lower-case letters, digits, '-' and '.')"));
            return null;
        }

        return value;
    }

    private static List<string>? ReadContainers(string value, List<string> problems)
    {
        List<string> names = [.. value.Split(',', StringSplitOptions.TrimEntries)];
        if (names.Any(static n => n.Length == 0))
        {
            problems.Add(Problem(Containers, "expected a comma-separated list of container names (an entry is empty)"));
            return null;
        }

        return names;
    }

    private static void ReadSecret(string name, string value, BackendCatalog backends, List<SecretReference> secrets, List<string> problems)
    {
        string key = SecretPrefix + name;
        if (!Names.IsSecretName(name))
        {
            problems.Add(Problem(key, "the secret name must match [a-z0-9]([a-z0-9._-]*[a-z0-9])?"));
            return;
        }

        SecretReference? reference = SecretReference.TryParse(name, value, out string? problem);
        if (reference is null)
        {
            problems.Add(Problem(key, problem!));
        }
        else if (!backends.Contains(reference.Backend))
        {
            problems.Add(Problem(key, $"backend '{reference.Backend}' is not one the injector knows ({backends.Describe()})"));
        }
        else
        {
            secrets.Add(reference);
        }
    }

    private static string Problem(string name, string text) => $"annotation {InjectorLayout.AnnotationPrefix}{name}: {text}";
}
