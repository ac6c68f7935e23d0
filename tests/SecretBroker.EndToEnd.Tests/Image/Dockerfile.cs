using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SecretBroker.EndToEnd.Tests.Image;

/// <summary>One instruction: its keyword (upper case), its arguments as written (continuations joined) and its line.</summary>
internal sealed partial record DockerInstruction(string Keyword, string Arguments, int Line)
{
    /// <summary>The exec (JSON array) form's arguments, or <see langword="null"/> for the shell form.</summary>
    public IReadOnlyList<string>? ExecForm =>
        Arguments.TrimStart().StartsWith('[') ? JsonSerializer.Deserialize<string[]>(Arguments) : null;

    /// <summary>The <c>--name=value</c> flags before the arguments (e.g. <c>COPY --from=build</c>) and what follows them.</summary>
    public (IReadOnlyDictionary<string, string> Flags, IReadOnlyList<string> Words) SplitFlags()
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var words = Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        while (words.Count > 0 && words[0].StartsWith("--", StringComparison.Ordinal))
        {
            var flag = words[0][2..].Split('=', 2);
            flags[flag[0]] = flag.Length > 1 ? flag[1] : string.Empty;
            words.RemoveAt(0);
        }

        return (flags, words);
    }

    /// <summary><c>key=value</c> pairs (<c>ENV</c>, <c>LABEL</c>, <c>ARG</c>); quotes removed from values.</summary>
    public IReadOnlyList<(string Key, string? Value)> Pairs() =>
        [.. PairPattern().Matches(Arguments).Select(m => (m.Groups["key"].Value, m.Groups["value"].Success ? Unquote(m.Groups["value"].Value) : null))];

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? Regex.Unescape(value[1..^1]) : value;

    [GeneratedRegex("""(?<key>[A-Za-z0-9_.\-]+)(?:=(?<value>"(?:[^"\\]|\\.)*"|\S*))?""")]
    private static partial Regex PairPattern();
}

/// <summary>A build stage: <c>FROM image [AS name]</c> and the instructions up to the next <c>FROM</c>.</summary>
internal sealed record DockerStage(string Image, string? Name, int Line, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    /// <summary>The stage's <c>ARG</c> defaults (an <c>ARG</c> without one maps to <see langword="null"/>).</summary>
    public IReadOnlyDictionary<string, string?> ArgDefaults() =>
        All("ARG").SelectMany(a => a.Pairs()).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}

/// <summary>
/// A Dockerfile read the way the builder reads it, as far as our rules need: comment lines dropped, <c>\</c> line
/// continuations joined, one <see cref="DockerStage"/> per <c>FROM</c>. There is no Docker engine in CI; this is what
/// the tests hold the image to.
/// </summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> preamble, IReadOnlyList<DockerStage> stages)
    {
        Preamble = preamble;
        Stages = stages;
    }

    /// <summary>Instructions before the first <c>FROM</c> (global <c>ARG</c>s).</summary>
    public IReadOnlyList<DockerInstruction> Preamble { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Final => Stages[^1];

    public DockerStage? Stage(string name) => Stages.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var current = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.StartsWith('#') || (trimmed.Length == 0 && current.Length == 0))
            {
                continue;
            }

            if (current.Length == 0)
            {
                start = i + 1;
            }

            bool continues = trimmed.EndsWith('\\');
            current.Append(continues ? trimmed[..^1] : trimmed).Append(' ');
            if (!continues)
            {
                var joined = current.ToString().Trim();
                current.Clear();
                var space = joined.IndexOf(' ', StringComparison.Ordinal);
                instructions.Add(space < 0
                    ? new DockerInstruction(joined.ToUpperInvariant(), string.Empty, start)
                    : new DockerInstruction(joined[..space].ToUpperInvariant(), joined[(space + 1)..].Trim(), start));
            }
        }

        var preamble = instructions.TakeWhile(i => i.Keyword != "FROM").ToList();
        var stages = new List<DockerStage>();
        foreach (var from in instructions.Skip(preamble.Count).Select((instruction, index) => (instruction, index)).Where(x => x.instruction.Keyword == "FROM"))
        {
            var body = instructions.Skip(preamble.Count + from.index + 1).TakeWhile(i => i.Keyword != "FROM").ToList();
            var (_, words) = from.instruction.SplitFlags();
            string? name = words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
            stages.Add(new DockerStage(words.Count > 0 ? words[0] : string.Empty, name, from.instruction.Line, body));
        }

        return new Dockerfile(preamble, stages);
    }
}
