using System.Diagnostics;
using System.Text.Json;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Outputs.Http.Credentials;

/// <summary>
/// botocore's container provider (the machine's python3 and its boto3), configured only by
/// <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c> and <c>AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE</c>, reads a
/// <c>type: secret</c> set through its default chain, and refreshes (seeing a rotation, without a restart) once the
/// announced expiration is inside its 15-minute advisory window.
/// </summary>
public sealed class BotocoreReadsTheRouteTests
{
    // Prints the frozen credentials once at start and again for every line read from stdin.
    private const string Script = """
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

    private static string Keys(string id, string token, DateTimeOffset expiration) =>
        $$"""{"AccessKeyId":"{{id}}","SecretAccessKey":"{{id}}/secret","SessionToken":"{{token}}","Expiration":"{{expiration.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}"}""";

    [Fact]
    public async Task Botocore_gets_the_secrets_keys_and_a_rotation_without_a_restart()
    {
        // 12 minutes: inside botocore's 15-minute advisory window, outside its 10-minute mandatory one.
        DateTimeOffset expiration = DateTimeOffset.UtcNow.AddMinutes(12);
        await using CredentialsHost host = await CredentialsHost.StartAsync(
            new Dictionary<string, string?> { ["s3keys"] = Keys("ASIABOTO1", "token-1", expiration) },
            new SecretCredentialSetSettings("minio", "s3keys", AllowLongTermKeys: false));
        using TempDirectory home = new();
        using Process python = StartPython(host, home.Path);

        using JsonDocument first = JsonDocument.Parse(await ReadLineAsync(python));
        Assert.Equal("container-role", first.RootElement.GetProperty("method").GetString());
        Assert.Equal(("ASIABOTO1", "ASIABOTO1/secret", "token-1"), Frozen(first));

        long generation = host.Engine.Current.Number;
        host.SetSecret("s3keys", Keys("ASIABOTO2", "token-2", expiration));
        await host.Engine.WaitForGenerationAsync(generation, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await python.StandardInput.WriteLineAsync("again");
        await python.StandardInput.FlushAsync();

        using JsonDocument second = JsonDocument.Parse(await ReadLineAsync(python));
        Assert.Equal(("ASIABOTO2", "ASIABOTO2/secret", "token-2"), Frozen(second));
        python.StandardInput.Close();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, python.ExitCode);
    }

    private static (string?, string?, string?) Frozen(JsonDocument line) =>
        (line.RootElement.GetProperty("key").GetString(), line.RootElement.GetProperty("secret").GetString(), line.RootElement.GetProperty("token").GetString());

    private static Process StartPython(CredentialsHost host, string home)
    {
        ProcessStartInfo info = new("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);

        // Only the two variables an inference container gets; HOME elsewhere so no ~/.aws file is found first.
        foreach (string name in info.Environment.Keys.Where(static k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["HOME"] = home;
        info.Environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = new Uri(host.Client.BaseAddress!, "/v1/credentials/aws/minio").ToString();
        info.Environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = host.TokenPath;
        return Process.Start(info)!;
    }

    private static async Task<string> ReadLineAsync(Process python)
    {
        string? line = await python.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return line ?? throw new InvalidOperationException("python exited: " + await python.StandardError.ReadToEndAsync());
    }
}
