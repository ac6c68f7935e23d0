using System.Text;
using System.Text.RegularExpressions;

namespace SecretBroker.EndToEnd.Tests.Image;

/// <summary>
/// The repository's <c>.dockerignore</c>: which paths of the build context the builder leaves out. Supports what the file
/// uses (<c>*</c>, <c>?</c>, <c>**</c>, a trailing <c>/</c>); a pattern it cannot read (<c>!</c> exceptions) is an error,
/// so the replay never silently copies something Docker would not.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(string Pattern, Regex Matcher)> _patterns;

    private DockerIgnore(List<(string Pattern, Regex Matcher)> patterns) => _patterns = patterns;

    public IEnumerable<string> Patterns => _patterns.Select(p => p.Pattern);

    public static DockerIgnore Parse(string text)
    {
        var patterns = new List<(string, Regex)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('!'))
            {
                throw new NotSupportedException($".dockerignore exception patterns are not supported by the replay: {line}");
            }

            patterns.Add((line, ToRegex(line.Trim('/'))));
        }

        return new DockerIgnore(patterns);
    }

    /// <summary>Whether <paramref name="relativePath"/> (context-relative, <c>/</c>-separated) or a directory above it is left out.</summary>
    public bool Excludes(string relativePath)
    {
        var parts = relativePath.Trim('/').Split('/');
        for (int length = 1; length <= parts.Length; length++)
        {
            var prefix = string.Join('/', parts.Take(length));
            if (_patterns.Any(p => p.Matcher.IsMatch(prefix)))
            {
                return true;
            }
        }

        return false;
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" matches any number of directories, none included.
                bool slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(pattern[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    char c => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
