using SecretBroker.Backends;

namespace SecretBroker.Settings;

/// <summary>
/// Reads the <c>backends:</c> and <c>secrets:</c> settings — the schema the sidecar's config file and
/// <c>AddSecretBroker(IConfigurationSection)</c> share — into <see cref="SecretBrokerSettings"/>, collecting every
/// problem (not just the first) with its line and key path. Each backend section is bound straight into its type's
/// options class through the type's <see cref="SecretBackendSettingMap{TOptions}"/> and checked by its validator.
/// </summary>
public sealed partial class SecretBrokerSettingsReader
{
    private static readonly string[] SecretKeys = ["name", "backend", "id", "key", "version", "refresh", "required", "allowUids", "allowGids", "profile", "format"];

    private readonly SecretBackendCatalog _catalog;
    private readonly string _baseDirectory;
    private readonly char _separator;

    /// <summary>Creates a reader.</summary>
    /// <param name="catalog">The backend types <c>type:</c> may name.</param>
    /// <param name="baseDirectory">What relative paths are resolved against (the config file's directory).</param>
    /// <param name="separator">Joins key paths in messages: <c>.</c> (the sidecar's file) or <c>:</c> (an <c>IConfigurationSection</c>).</param>
    public SecretBrokerSettingsReader(SecretBackendCatalog catalog, string baseDirectory, char separator = '.')
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        _catalog = catalog;
        _baseDirectory = baseDirectory;
        _separator = separator;
    }

    /// <summary>Reads both sections; returns <see langword="null"/> when <paramref name="errors"/> gained any.</summary>
    /// <param name="backends">The <c>backends</c> node, or <see langword="null"/> when absent.</param>
    /// <param name="secrets">The <c>secrets</c> node, or <see langword="null"/> when absent.</param>
    /// <param name="rootPath">The path of the mapping holding both (empty at a file's top level), prefixed to every key path.</param>
    /// <param name="errors">Where problems are added.</param>
    public SecretBrokerSettings? Read(SettingsNode? backends, SettingsNode? secrets, string rootPath, ICollection<SettingsError> errors) =>
        Read(new Sections(backends, backends?.Line ?? 0, secrets, secrets?.Line ?? 0, 0), rootPath, errors, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Reads both sections, with the lines their keys were written on and paths already reported by a caller.</summary>
    internal SecretBrokerSettings? Read(Sections sections, string rootPath, ICollection<SettingsError> errors, ISet<string> reported)
    {
        ArgumentNullException.ThrowIfNull(errors);
        int before = errors.Count;
        SettingsWalker walker = new(errors, reported, _separator);
        string backendsPath = walker.Join(rootPath, "backends");
        string secretsPath = walker.Join(rootPath, "secrets");
        Dictionary<string, ConfiguredBackend> backends = ReadBackends(walker, sections, backendsPath, out HashSet<string> backendNames);
        List<ConfiguredSecret> secrets = ReadSecrets(walker, sections, secretsPath, backendNames, backends);
        return errors.Count > before ? null : new SecretBrokerSettings(backends, secrets);
    }

    /// <summary>The two nodes with the lines their keys were written on (a missing key is reported on <paramref name="MissingLine"/>).</summary>
    internal sealed record Sections(SettingsNode? Backends, int BackendsLine, SettingsNode? Secrets, int SecretsLine, int MissingLine);
}
