using Microsoft.Extensions.Configuration;
using SecretBroker.Settings;

namespace SecretBroker.Configuration.Internal;

/// <summary>
/// What a <see cref="SecretBrokerConfigurationSource"/> amounts to once validated: the backends to build and the
/// secrets to keep, from its section (read with the sidecar's reader) and from its code-first calls. Every problem is
/// collected and thrown at once.
/// </summary>
internal sealed record BrokerPlan(IReadOnlyList<ConfiguredBackend> Backends, IReadOnlyList<SecretDefinition> Secrets)
{
    /// <summary>
    /// The sidecar's top-level keys; <c>outputs</c> (files, socket, http), <c>huggingface</c> (how the sidecar's
    /// <c>check</c> verifies tokens) and <c>credentials</c> (served on the sidecar's loopback listener) mean nothing
    /// in-process and are ignored.
    /// </summary>
    private static readonly string[] SectionKeys = ["backends", "secrets", "outputs", "huggingface", "credentials"];

    /// <exception cref="SecretBrokerConfigurationException">Anything is wrong; every problem is listed.</exception>
    public static BrokerPlan Resolve(SecretBrokerConfigurationSource source)
    {
        List<string> errors = [];
        List<ConfiguredBackend> backends = [];
        List<SecretDefinition> secrets = [];
        HashSet<string> backendNames = new(StringComparer.Ordinal);
        HashSet<string> sectionSecrets = new(StringComparer.Ordinal);
        if (source.Section is { } section)
        {
            ReadSection(section, source, backends, secrets, backendNames, errors);
            sectionSecrets.UnionWith(secrets.Select(static s => s.Name));
        }

        foreach (ConfiguredBackend backend in source.Backends)
        {
            errors.AddRange(SecretBackendRules.Problems(backend.Name, backend.Type, backend.Options, backendNames).Select(static e => e.ToString()));
        }

        errors.AddRange(SecretDefinitionRules.Problems(source.Secrets, backendNames).Select(static e => e.ToString()));

        // What each secret's backend type refuses (a Key Vault name, a version's shape); section secrets were checked by the reader.
        Dictionary<string, Backends.SecretBackendType> types = new(StringComparer.Ordinal);
        foreach (ConfiguredBackend backend in backends.Concat(source.Backends))
        {
            types.TryAdd(backend.Name, backend.Type);
        }

        errors.AddRange(SecretDefinitionRules.BackendProblems(source.Secrets, types).Select(static e => e.ToString()));
        for (int i = 0; i < source.Secrets.Count; i++)
        {
            if (sectionSecrets.Contains(source.Secrets[i].Name))
            {
                errors.Add($"secrets[{i}].name: secret name '{source.Secrets[i].Name}' is already used in {source.Section!.Path}");
            }
        }

        if (source.Section is null && source.Secrets.Count == 0)
        {
            errors.Add("secrets: at least one secret is required (b.AddSecret(…))");
        }

        if (errors.Count > 0)
        {
            throw new SecretBrokerConfigurationException(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"AddSecretBroker: {errors.Count} problem(s) in its settings:"), errors);
        }

        backends.AddRange(source.Backends);
        secrets.AddRange(source.Secrets);
        return new BrokerPlan(backends, secrets);
    }

    private static void ReadSection(
        IConfigurationSection section,
        SecretBrokerConfigurationSource source,
        List<ConfiguredBackend> backends,
        List<SecretDefinition> secrets,
        HashSet<string> backendNames,
        List<string> errors)
    {
        SettingsNode? backendsNode = null;
        SettingsNode? secretsNode = null;
        foreach (IConfigurationSection child in section.GetChildren())
        {
            // Ordinal, as the reader compares every key below: the schema is the sidecar's, spelled the same.
            switch (child.Key)
            {
                case "backends":
                    backendsNode = SectionTree.Of(child);
                    break;
                case "secrets":
                    secretsNode = SectionTree.Of(child);
                    break;
                case "outputs" or "huggingface" or "credentials":
                    break;
                default:
                    errors.Add($"{child.Path}: unknown key (expected one of: {string.Join(", ", SectionKeys)})");
                    break;
            }
        }

        string baseDirectory = string.IsNullOrWhiteSpace(source.BaseDirectory) ? Directory.GetCurrentDirectory() : Path.GetFullPath(source.BaseDirectory);
        var reader = new SecretBrokerSettingsReader(source.BackendTypes, baseDirectory, separator: ':');
        List<SettingsError> found = [];
        if (reader.Read(backendsNode, secretsNode, section.Path, found) is { } settings)
        {
            backends.AddRange(settings.Backends.Values);
            secrets.AddRange(settings.Secrets.Select(static s => s.Definition));
            backendNames.UnionWith(settings.Backends.Keys);
            return;
        }

        errors.AddRange(found.Select(static e => e.ToString()));

        // Code-first secrets may name a section backend that has its own problems: report those once, not twice.
        if (backendsNode is SettingsMapping written)
        {
            backendNames.UnionWith(written.Entries.Select(static e => e.Key.Value ?? string.Empty));
        }
    }
}
