using System.Text.RegularExpressions;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Repository;

/// <summary>What a new user reads points at things that exist: links, the Requirements section, ignored build output.</summary>
public sealed partial class DocumentationLinksTests
{
    public static TheoryData<string> MarkdownFiles()
    {
        TheoryData<string> files = [];
        foreach (string file in Directory.EnumerateFiles(RepositoryPaths.Root, "*.md", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)
                && !f.Contains("/.git/", StringComparison.Ordinal) && !f.Contains("/node_modules/", StringComparison.Ordinal)))
        {
            files.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void Every_relative_link_resolves_to_a_file_inside_the_repository(string markdown)
    {
        string path = Path.Combine(RepositoryPaths.Root, markdown);
        string directory = Path.GetDirectoryName(path)!;
        List<string> broken = [];
        // Code (fenced blocks and inline spans) is not prose: a pattern such as [a-z]([a-z]*) there is not a link.
        string prose = InlineCode().Replace(FencedCode().Replace(File.ReadAllText(path), string.Empty), string.Empty);
        string root = Path.TrimEndingDirectorySeparator(RepositoryPaths.Root);
        foreach (Match link in MarkdownLink().Matches(prose))
        {
            string target = link.Groups["target"].Value;
            if (target.StartsWith('#') || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            string resolved = Path.GetFullPath(Path.Combine(directory, target.Split('#')[0]));
            if (!resolved.StartsWith(root + "/", StringComparison.Ordinal) || !Path.Exists(resolved))
            {
                broken.Add(target);
            }
        }

        Assert.True(broken.Count == 0, $"{markdown} links to what the repository does not hold: {string.Join(", ", broken)}");
    }

    [Fact]
    public void The_readme_never_sends_readers_outside_the_repository()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        Assert.DoesNotContain("../shared", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_requirements_section_the_ci_script_points_at_exists_and_names_boto3()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        string ci = File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".ci", "run"));

        Assert.Contains("README: Requirements", ci, StringComparison.Ordinal);
        Match section = Regex.Match(readme, @"^#+ Requirements\n(?<body>(?:(?!^#).*\n)*)", RegexOptions.Multiline);
        Assert.True(section.Success, "README.md has no Requirements section");
        Assert.Contains("boto3", section.Groups["body"].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_publish_output_directory_is_git_ignored()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        Match publish = Regex.Match(readme, @"dotnet publish sidecar/SecretBroker\.Sidecar .* -o (?<out>\S+)");
        Assert.True(publish.Success, "README.md shows no publish command");

        var (exitCode, stdout) = await GitAsync("check-ignore", "--no-index", publish.Groups["out"].Value.TrimEnd('/') + "/secretbroker");
        Assert.True(exitCode == 0, $"'{publish.Groups["out"].Value}' is not git-ignored (git check-ignore: {exitCode} {stdout})");
    }

    private static async Task<(int ExitCode, string Stdout)> GitAsync(params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var git = System.Diagnostics.Process.Start(info)!;
        string stdout = await git.StandardOutput.ReadToEndAsync();
        await git.WaitForExitAsync();
        return (git.ExitCode, stdout);
    }

    // [text](target) — images too; the target ends at the first space or ')'.
    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();
}
