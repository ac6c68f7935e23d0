using System.Text.RegularExpressions;

using SecretBroker.Backends;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

/// <summary>
/// A backend type plugs into the sidecar with one catalog line: its keys, validation and construction live in its
/// package and nowhere in the sidecar, so nothing can drift out of step.
/// </summary>
public sealed partial class BackendSeamTests
{
    [Fact]
    public void The_sidecar_source_names_no_backend_setting_key()
    {
        SecretBackendCatalog catalog = SidecarBackendTypes.Create();
        string[] keys = [.. catalog.Types.SelectMany(type => type.SettingKeys).Where(key => key != "type").Distinct()];
        Assert.Contains("region", keys);
        Assert.Contains("path", keys);

        List<string> found = [];
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "sidecar", "SecretBroker.Sidecar"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            string text = File.ReadAllText(file);
            // credentials.<set>.roleArn is the sidecar's own key (the role an aws-assume-role set chains into), read there only;
            // "endpoint" is also a key of the sidecar's huggingface: section.
            bool isCredentialsReader = file.EndsWith("/Configuration/RawConfigReader.Credentials.cs", StringComparison.Ordinal);
            foreach (string key in keys.Where(key => key is not ("path" or "endpoint") && !(isCredentialsReader && key == "roleArn")))
            {
                if (text.Contains('"' + key + '"', StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetRelativePath(RepositoryRoot.Path, file)}: \"{key}\"");
                }
            }
        }

        // "path" is also an outputs.socket key the sidecar owns, "endpoint" a huggingface: key (the Hub check uses);
        // every other backend key must live in its package only.
        Assert.Empty(found);
    }

    [Fact]
    public void Every_registered_type_is_one_catalog_line()
    {
        string source = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "sidecar", "SecretBroker.Sidecar", "Configuration", "SidecarBackendTypes.cs"));

        SecretBackendCatalog catalog = SidecarBackendTypes.Create();

        Assert.Equal(["file", "aws-secrets-manager", "azure-key-vault", "vault", "huggingface-oidc"], catalog.Types.Select(type => type.TypeName));
        Assert.Equal(catalog.Types.Count - 1, AddLine().Count(source));
    }

    [Fact]
    public void The_all_in_one_build_has_every_planned_type()
    {
        // `vault` was the last type reserved as "not available in this version"; the all-in-one build now has them all.
        string errors = ConfigFixture.Errors("""
            backends:
              kv: { type: vault }
            secrets:
              - { name: a, backend: kv, id: secret/data/x }
            outputs:
              files: { dir: /dev/shm/x }
            """);

        Assert.DoesNotContain("not available in this version", errors, StringComparison.Ordinal);
        Assert.Contains("backends.kv.address", errors, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\.Add\(\w+BackendType\.Instance\)")]
    private static partial Regex AddLine();
}
