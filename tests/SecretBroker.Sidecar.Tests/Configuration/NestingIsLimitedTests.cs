using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

/// <summary>
/// Deep nesting is an error with its line, not a stack overflow: the tree is built recursively, and 40,000 nested
/// <c>[</c> (80 KB, well under the size limit) used to kill the process.
/// </summary>
public class NestingIsLimitedTests
{
    public static TheoryData<string, string> DeeplyNested => new()
    {
        { "flow lists", new string('[', 40_000) },
        { "flow mappings", string.Concat(Enumerable.Repeat("{a: ", 40_000)) },
        { "block lists", string.Concat(Enumerable.Repeat("- ", 40_000)) + "x\n" },
        { "JSON objects", string.Concat(Enumerable.Repeat("{\"a\": ", 40_000)) },
        { "block mappings", string.Concat(Enumerable.Range(0, 600).Select(i => new string(' ', i) + "a:\n")) },
    };

    [Theory]
    [MemberData(nameof(DeeplyNested))]
    public void Nesting_beyond_the_limit_is_reported_with_its_line(string shape, string text)
    {
        string errors = ConfigFixture.Errors(text, shape.StartsWith("JSON", StringComparison.Ordinal) ? "c.json" : "c.yaml");

        Assert.Matches(@"/c\.(yaml|json):\d+: nested more than 64 levels deep \(a sidecar config is at most 5 deep\)$", errors);
    }

    [Fact]
    public void The_limit_is_reported_at_the_line_where_it_is_crossed()
    {
        string text = string.Concat(Enumerable.Range(0, 100).Select(i => new string(' ', i) + "a:\n"));

        string errors = ConfigFixture.Errors(text);

        // Line n opens the mapping at depth n-1 (the document's root mapping starts on line 1).
        Assert.EndsWith($"/secretbroker.yaml:{YamlConfigParser.MaxDepth + 1}: nested more than 64 levels deep (a sidecar config is at most 5 deep)", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_parsed()
    {
        string text = "backends: " + new string('[', YamlConfigParser.MaxDepth - 1) + new string(']', YamlConfigParser.MaxDepth - 1);

        string errors = ConfigFixture.Errors(text);

        Assert.DoesNotContain("nested", errors, StringComparison.Ordinal);
        Assert.Contains("backends: expected a mapping, found a list", errors, StringComparison.Ordinal);
    }
}
