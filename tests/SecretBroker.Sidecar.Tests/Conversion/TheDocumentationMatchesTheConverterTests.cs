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

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
