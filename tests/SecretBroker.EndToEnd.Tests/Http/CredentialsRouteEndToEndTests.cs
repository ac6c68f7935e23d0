using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Http;

/// <summary>
/// The real <c>secretbroker</c> process serving a <c>type: secret</c> credential set on its loopback listener: botocore's
/// container provider (the machine's python3 and boto3, only the two <c>AWS_CONTAINER_*</c> variables) gets the keys
/// and a rotation without a restart; the token is required; another uid cannot read the token file; a config with
/// <c>credentials:</c> but no listener exits 2 naming the line.
/// </summary>
public sealed class CredentialsRouteEndToEndTests
{
    private const string BotocoreScript = """
        import json, sys
        import botocore.session
        credentials = botocore.session.get_session().get_credentials()
        def show():
            frozen = credentials.get_frozen_credentials()
            print(json.dumps({"method": credentials.method, "key": frozen.access_key, "secret": frozen.secret_key, "token": frozen.token}), flush=True)
        show()
        for _ in sys.stdin:
            show()
        """;

    private static string Keys(string id, DateTimeOffset expiration) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"AccessKeyId":"{{id}}","SecretAccessKey":"{{id}}/secret","SessionToken":"{{id}}-token","Expiration":"{{expiration.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}"}""");

    [Fact]
    public async Task Botocore_reads_the_set_and_a_rotation_from_the_real_sidecar_and_the_token_is_required()
    {
        // Inside botocore's 15-minute advisory window: every use fetches again, as a nearing expiry would.
        DateTimeOffset expiration = DateTimeOffset.UtcNow.AddMinutes(12);
        using var setup = new LocalSidecarSetup();
        setup.SetSource("s3keys", Keys("ASIAE2E1", expiration));
        string config = setup.WriteConfig(["s3keys"], TimeSpan.FromMilliseconds(200),
            extraFilesKeys: "  http:\n    listen: 127.0.0.1:0\ncredentials:\n  minio: { type: secret, secret: s3keys }");
        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config]);
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(20));
        Uri route = new("http://127.0.0.1:" + sidecar.HttpListeningPort().ToString(CultureInfo.InvariantCulture) + "/v1/credentials/aws/minio");
        string tokenPath = Path.Combine(setup.OutputDirectory, "aws-credentials-token");
        string token = File.ReadAllText(tokenPath);
        Assert.Matches("^[0-9a-f]{64}$", token);

        using HttpClient client = new() { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, route, authorization: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, route, "wrong"));
        await sidecar.WaitForLogAsync("\"EventId\":4152", TimeSpan.FromSeconds(10));

        using TempDirectory home = TempDirectory.OnTmpfs();
        using Process python = StartBotocore(route, tokenPath, home.Path);
        using (JsonDocument first = JsonDocument.Parse(await ReadLineAsync(python)))
        {
            Assert.Equal("container-role", first.RootElement.GetProperty("method").GetString());
            Assert.Equal(("ASIAE2E1", "ASIAE2E1/secret", "ASIAE2E1-token"), Frozen(first));
        }

        setup.SetSource("s3keys", Keys("ASIAE2E2", expiration));
        await Eventually.HoldsAsync(
            async () => (await BodyAsync(client, route, token)).Contains("ASIAE2E2", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            "the route to serve the rotated keys");
        await python.StandardInput.WriteLineAsync("again");
        await python.StandardInput.FlushAsync();
        using (JsonDocument second = JsonDocument.Parse(await ReadLineAsync(python)))
        {
            Assert.Equal(("ASIAE2E2", "ASIAE2E2/secret", "ASIAE2E2-token"), Frozen(second));
        }

        python.StandardInput.Close();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, python.ExitCode);
        Assert.DoesNotContain(token, sidecar.StandardOutput + sidecar.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("ASIAE2E2/secret", sidecar.StandardOutput + sidecar.StandardError, StringComparison.Ordinal);

        // Another uid reaches the file (the directory is opened to it) but cannot read it.
        File.SetUnixFileMode(setup.OutputDirectory, (UnixFileMode)0b111_101_101);
        (int reached, _) = await AsOtherUidAsync("stat", tokenPath);
        (int denied, string deniedOutput) = await AsOtherUidAsync("cat", tokenPath);
        Assert.Equal(0, reached);
        Assert.NotEqual(0, denied);
        Assert.Contains("Permission denied", deniedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_without_the_listener_exit_2_naming_the_line()
    {
        using var setup = new LocalSidecarSetup();
        setup.SetSource("s3keys", Keys("ASIAE2E1", DateTimeOffset.UtcNow.AddHours(1)));
        string config = setup.WriteConfig(["s3keys"], TimeSpan.FromSeconds(1), extraFilesKeys: "credentials:\n  minio: { type: secret, secret: s3keys }");
        int line = Array.IndexOf(File.ReadAllLines(config), "credentials:") + 1;

        var (exitCode, stdout, stderr) = await SidecarProcess.RunToEndAsync(["run", "--config", config], TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Contains($":{line}: credentials: credential sets are served on outputs.http", stdout + stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(setup.OutputDirectory), "the output directory was created although the config was rejected");
    }

    private static (string?, string?, string?) Frozen(JsonDocument line) =>
        (line.RootElement.GetProperty("key").GetString(), line.RootElement.GetProperty("secret").GetString(), line.RootElement.GetProperty("token").GetString());

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, Uri route, string? authorization)
    {
        using HttpRequestMessage request = new(HttpMethod.Get, route);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using HttpResponseMessage response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<string> BodyAsync(HttpClient client, Uri route, string token)
    {
        using HttpRequestMessage request = new(HttpMethod.Get, route);
        request.Headers.TryAddWithoutValidation("Authorization", token);
        using HttpResponseMessage response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static Process StartBotocore(Uri route, string tokenPath, string home)
    {
        ProcessStartInfo info = new("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(BotocoreScript);
        foreach (string name in info.Environment.Keys.Where(static k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        // Only what an inference container gets; HOME elsewhere so no ~/.aws file is found first.
        info.Environment["HOME"] = home;
        info.Environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = route.ToString();
        info.Environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = tokenPath;
        return Process.Start(info)!;
    }

    private static async Task<string> ReadLineAsync(Process python)
    {
        string? line = await python.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return line ?? throw new InvalidOperationException("python exited: " + await python.StandardError.ReadToEndAsync());
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
