using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Repository;

/// <summary>
/// Every project under src/ packs into a package a .NET team can adopt: README, license, XML docs, symbols, and a
/// public API baseline the build enforces.
/// </summary>
public sealed class PackagesTests
{
    public static TheoryData<string> Projects()
    {
        TheoryData<string> projects = [];
        foreach (string directory in Directory.EnumerateDirectories(Path.Combine(RepositoryPaths.Root, "src")).Order(StringComparer.Ordinal))
        {
            projects.Add(Path.GetFileName(directory));
        }

        return projects;
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task Each_src_project_packs_with_readme_license_docs_and_symbols(string project)
    {
        using var output = TempDirectory.OnDisk();
        var info = new ProcessStartInfo(RepositoryPaths.DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (string argument in (string[])["pack", Path.Combine("src", project), "-c", "Release", "--no-build", "-o", output.Path, "-nologo"])
        {
            info.ArgumentList.Add(argument);
        }

        using var pack = Process.Start(info)!;
        string stdout = await pack.StandardOutput.ReadToEndAsync();
        await pack.WaitForExitAsync();
        Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed: {stdout}");

        string package = Assert.Single(Directory.GetFiles(output.Path, $"{project}.*.nupkg"));
        Assert.Single(Directory.GetFiles(output.Path, $"{project}.*.snupkg"));
        using ZipArchive zip = ZipFile.OpenRead(package);
        string[] entries = [.. zip.Entries.Select(e => e.FullName)];
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
        Assert.Contains($"lib/net10.0/{project}.dll", entries);
        Assert.Contains($"lib/net10.0/{project}.xml", entries);

        await using Stream nuspecStream = zip.GetEntry($"{project}.nuspec")!.Open();
        XElement metadata = (await XDocument.LoadAsync(nuspecStream, LoadOptions.None, CancellationToken.None)).Root!.Elements().First(e => e.Name.LocalName == "metadata");
        Assert.Equal("Apache-2.0", metadata.Elements().Single(e => e.Name.LocalName == "license").Value);
        Assert.Equal("README.md", metadata.Elements().Single(e => e.Name.LocalName == "readme").Value);
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", project, "README.md"));
        Assert.Contains("Quick start", readme, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Each_src_project_has_a_public_api_baseline_the_analyzer_reads(string project)
    {
        string directory = Path.Combine(RepositoryPaths.Root, "src", project);
        string unshipped = File.ReadAllText(Path.Combine(directory, "PublicAPI.Unshipped.txt"));
        Assert.True(File.Exists(Path.Combine(directory, "PublicAPI.Shipped.txt")));
        Assert.StartsWith("#nullable enable", unshipped, StringComparison.Ordinal);
        Assert.Contains("SecretBroker.", unshipped, StringComparison.Ordinal);

        string props = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"));
        Assert.Contains("Microsoft.CodeAnalysis.PublicApiAnalyzers", props, StringComparison.Ordinal);
        Assert.Contains("PublicAPI.Shipped.txt;PublicAPI.Unshipped.txt", props, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_repository_own_src_projects_are_libraries_wherever_the_clone_lives()
    {
        // A clone under ~/src/… once made every project (tests, the sidecar) a packable library with a public API check.
        using var parent = TempDirectory.OnDisk();
        string clone = Path.Combine(parent.Path, "src", "clone");
        Directory.CreateDirectory(clone);
        foreach (string file in (string[])["Directory.Build.props", "Directory.Packages.props", "global.json"])
        {
            File.Copy(Path.Combine(RepositoryPaths.Root, file), Path.Combine(clone, file));
        }

        const string Project = "<Project Sdk=\"Microsoft.NET.Sdk\" />";
        foreach (string project in (string[])["src/Lib/Lib.csproj", "tests/Lib.Tests/Lib.Tests.csproj", "sidecar/App/App.csproj"])
        {
            string path = Path.Combine(clone, project);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, Project);
        }

        Assert.Equal("true", await IsPackableAsync(clone, "src/Lib/Lib.csproj"));
        Assert.Equal("false", await IsPackableAsync(clone, "tests/Lib.Tests/Lib.Tests.csproj"));
        Assert.Equal("false", await IsPackableAsync(clone, "sidecar/App/App.csproj"));
    }

    private static async Task<string> IsPackableAsync(string root, string project)
    {
        var info = new ProcessStartInfo(RepositoryPaths.DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (string argument in (string[])["msbuild", project, "-getProperty:IsPackable", "-nologo"])
        {
            info.ArgumentList.Add(argument);
        }

        using var msbuild = Process.Start(info)!;
        Task<string> stderr = msbuild.StandardError.ReadToEndAsync();
        string stdout = await msbuild.StandardOutput.ReadToEndAsync();
        await msbuild.WaitForExitAsync();
        Assert.True(msbuild.ExitCode == 0, $"dotnet msbuild {project} failed: {stdout} {await stderr}");
        return stdout.Trim();
    }

    [Fact]
    public void The_repository_has_the_license_the_packages_declare()
    {
        string license = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "LICENSE"));
        Assert.Contains("Apache License", license, StringComparison.Ordinal);
        Assert.Contains("Version 2.0, January 2004", license, StringComparison.Ordinal);
    }
}
