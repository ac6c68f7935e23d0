using System.Globalization;
using System.IO.Hashing;
using System.Text.RegularExpressions;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests;

/// <summary>
/// Versions of file-backend values are keyed (SipHash-2-4 under <c>&lt;files.dir&gt;/..version-key</c>): a version in
/// a log line, an ETag or a listing no longer lets anyone try every 6-digit PIN offline, and the key on the tmpfs
/// volume keeps versions stable across a restart of the sidecar in the same pod.
/// </summary>
public sealed partial class VersionKeyTests
{
    private const string KeyFile = "..version-key";

    [Fact]
    public async Task No_log_line_holds_the_unkeyed_hash_of_a_planted_low_entropy_value()
    {
        const string pin = "483920";
        string unkeyed = XxHash3.HashToUInt64("483920"u8).ToString("x16", CultureInfo.InvariantCulture);
        using var setup = new LocalSidecarSetup();
        setup.SetSource("pin", pin);
        string config = setup.WriteConfig(["pin"], TimeSpan.FromSeconds(1));

        var check = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(30));
        string runOutput = await RunUntilDeliveredAsync(setup, config, "pin", pin);

        Assert.Equal(0, check.ExitCode);
        Assert.NotEmpty(LoadedVersions(runOutput, "pin"));
        foreach (string text in new[] { check.Stdout, check.Stderr, runOutput })
        {
            Assert.DoesNotContain(unkeyed, text, StringComparison.Ordinal);
            Assert.DoesNotContain(pin, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_restart_with_the_same_files_directory_keeps_the_versions_and_the_key_file_is_0400_on_tmpfs()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        string config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1));

        string first = await RunUntilDeliveredAsync(setup, config, "hf-token", "hf_value");
        string keyPath = Path.Combine(setup.OutputDirectory, KeyFile);
        byte[] key = File.ReadAllBytes(keyPath);
        string second = await RunUntilDeliveredAsync(setup, config, "hf-token", "hf_value");
        var check = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(30));
        string version = Assert.Single(LoadedVersions(first, "hf-token"));

        Assert.Equal(16, key.Length);
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(keyPath));
        Assert.StartsWith("/dev/shm/", keyPath, StringComparison.Ordinal); // the setup's output directory is on tmpfs
        Assert.Equal(key, File.ReadAllBytes(keyPath));
        Assert.Equal(version, Assert.Single(LoadedVersions(second, "hf-token")));

        // check reads the running sidecar's key (creating nothing), so its VERSION column matches.
        Assert.Equal(0, check.ExitCode);
        Assert.Contains(version, check.Stdout, StringComparison.Ordinal);

        // The key itself is never printed.
        foreach (string text in new[] { first, second, check.Stdout, check.Stderr })
        {
            Assert.DoesNotContain(Convert.ToHexStringLower(key), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(key), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_key_file_that_is_not_ours_to_use_is_replaced_and_check_never_creates_one()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("hf-token", "hf_value");
        string config = setup.WriteConfig(["hf-token"], TimeSpan.FromSeconds(1));

        var check = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(30));
        Assert.Equal(0, check.ExitCode);
        Assert.False(File.Exists(Path.Combine(setup.OutputDirectory, KeyFile)), "check must not create the key");

        // A symlink planted where the key goes: never followed, replaced by a key file of our own.
        using var elsewhere = TempDirectory.OnTmpfs();
        string target = elsewhere.Combine("planted");
        File.WriteAllBytes(target, new byte[16]);
        Directory.CreateDirectory(setup.OutputDirectory);
        File.CreateSymbolicLink(Path.Combine(setup.OutputDirectory, KeyFile), target);

        string run = await RunUntilDeliveredAsync(setup, config, "hf-token", "hf_value");

        Assert.Contains(run.Split('\n'), l => l.Contains("\"EventId\":3081", StringComparison.Ordinal) && l.Contains("symbolic link", StringComparison.Ordinal));
        FileInfo key = new(Path.Combine(setup.OutputDirectory, KeyFile));
        Assert.Null(key.LinkTarget);
        Assert.Equal(16, key.Length);
        Assert.Equal(new byte[16], File.ReadAllBytes(target));
    }

    private static async Task<string> RunUntilDeliveredAsync(LocalSidecarSetup setup, string config, string name, string value)
    {
        await using var sidecar = SidecarProcess.Start(["run", "--config", config]);
        await Eventually.HoldsAsync(() => setup.ReadOutput(name) == value, TimeSpan.FromSeconds(20), $"{name} delivered");

        // The file may be left from an earlier run: wait for this one to have loaded too.
        await sidecar.WaitForLogAsync("Started: ", TimeSpan.FromSeconds(20));
        sidecar.Signal(Posix.SigTerm);
        Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        return sidecar.StandardOutput + "\n" + sidecar.StandardError;
    }

    private static List<string> LoadedVersions(string output, string name) =>
        [.. LoadedLine().Matches(output).Where(m => m.Groups["name"].Value == name).Select(m => m.Groups["version"].Value)];

    [GeneratedRegex("Secret (?<name>[a-z0-9.-]+) loaded from backend [a-z0-9-]+ at version (?<version>[0-9a-f]{16})")]
    private static partial Regex LoadedLine();
}
