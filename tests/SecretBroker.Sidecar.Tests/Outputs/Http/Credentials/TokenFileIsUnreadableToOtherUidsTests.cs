using System.Diagnostics;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Outputs.Http.Credentials;

/// <summary>
/// A process of another uid (not in the files' group) cannot read the token file, so it cannot call the route: the
/// check runs <c>cat</c> as uid/gid 65534 through <c>setpriv</c>, with controls that the same uid reads a file it may and
/// reaches the token file (the directory is opened to it, so the file's own mode is what refuses).
/// </summary>
public sealed class TokenFileIsUnreadableToOtherUidsTests
{
    [Fact]
    public async Task Uid_65534_cannot_read_the_token_file()
    {
        Assert.True(Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root", "setpriv needs root to switch uid; these tests run as root");
        await using CredentialsHost host = await CredentialsHost.StartAsync(
            new Dictionary<string, string?> { ["s3keys"] = """{"AccessKeyId":"ASIAX","SecretAccessKey":"s","SessionToken":"t"}""" },
            new SecretCredentialSetSettings("minio", "s3keys", AllowLongTermKeys: false));
        using TempDirectory open = new();
        string readable = open.Write("readable", "anyone");
        File.SetUnixFileMode(readable, (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(host.OutputDirectory, (UnixFileMode)0b111_101_101);

        (int control, string controlOutput) = await AsOtherUidAsync("cat", readable);
        (int reached, _) = await AsOtherUidAsync("stat", host.TokenPath);
        (int denied, string deniedOutput) = await AsOtherUidAsync("cat", host.TokenPath);

        Assert.Equal((0, "anyone"), (control, controlOutput));
        Assert.Equal(0, reached);
        Assert.NotEqual(0, denied);
        Assert.Contains("Permission denied", deniedOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllText(host.TokenPath), deniedOutput, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> AsOtherUidAsync(string tool, string path)
    {
        ProcessStartInfo info = new("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])["--reuid", "65534", "--regid", "65534", "--clear-groups", tool, path])
        {
            info.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return (process.ExitCode, await stdout + await stderr);
    }
}
