using System.Text.RegularExpressions;

using SecretBroker.Sidecar.Conversion;

namespace SecretBroker.Sidecar.Tests.Conversion;

/// <summary>docs/vault-annotations.md shows what the converter does: its example is the real output, its table the real one.</summary>
public partial class TheDocumentationMatchesTheConverterTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "vault-annotations.md"));

    [Fact]
    public async Task The_example_output_is_what_the_example_annotations_convert_to()
    {
        string[] blocks = [.. YamlBlock().Matches(Doc).Select(m => m.Groups[1].Value)];
        string[] annotations = [.. blocks[0].Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))];

        string config = VaultConvert.AssertConverted(await VaultConvert.AnnotationsAsync(annotations));

        Assert.Equal(blocks[1], config);
    }

    [Fact]
    public void Every_ignored_annotation_is_in_the_documents_ignored_table()
    {
        string ignoredSection = Doc[Doc.IndexOf("## Ignored", StringComparison.Ordinal)..Doc.IndexOf("## Example", StringComparison.Ordinal)];

        Assert.All(VaultAnnotationTable.Ignored, entry =>
        {
            string shown = entry.Pattern.EndsWith('-') ? "`" + entry.Pattern + "*`" : "`" + entry.Pattern + "`";
            Assert.Contains(shown, ignoredSection, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("agent-inject role auth-type auth-path auth-config-path auth-config-token-path namespace service ca-cert tls-skip-verify")]
    [InlineData("agent-inject-secret-<name> agent-inject-file-<name> agent-inject-perms-<name> preserve-secret-case secret-volume-path agent-pre-populate-only")]
    [InlineData("agent-revoke-on-shutdown client-timeout agent-inject-template-<name> agent-inject-command-<name> agent-inject-token agent-configmap agent-inject-containers")]
    public void The_readmes_table_maps_every_annotation_the_converter_maps_or_refuses_and_the_document_too(string names)
    {
        string[] annotations = names.Split(' ');
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        int start = readme.IndexOf("| Vault Agent annotation", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has the Vault Agent annotation table");
        string table = readme[start..readme.IndexOf("\n\n", start, StringComparison.Ordinal)];
        string mapping = Doc[Doc.IndexOf("## Annotation → config", StringComparison.Ordinal)..];

        Assert.All(annotations, name =>
        {
            Assert.Contains("`" + name, table, StringComparison.Ordinal);
            Assert.Contains("`" + name, mapping, StringComparison.Ordinal);
        });
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
