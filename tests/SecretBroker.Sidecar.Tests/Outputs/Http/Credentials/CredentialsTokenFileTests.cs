using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Outputs.Files;

namespace SecretBroker.Sidecar.Tests.Outputs.Http.Credentials;

/// <summary>The token file: random per start, exactly the token, mode of the secret files, untouched by generation flips.</summary>
public sealed class CredentialsTokenFileTests
{
    private static Task<CredentialsHost> StartAsync() => CredentialsHost.StartAsync(
        new Dictionary<string, string?> { ["s3keys"] = """{"AccessKeyId":"ASIAX","SecretAccessKey":"s","SessionToken":"t"}""" },
        new SecretCredentialSetSettings("minio", "s3keys", AllowLongTermKeys: false));

    [Fact]
    public async Task The_token_file_holds_64_hex_characters_and_no_newline_with_the_secret_files_mode()
    {
        await using CredentialsHost host = await StartAsync();

        Assert.Matches("^[0-9a-f]{64}$", File.ReadAllText(host.TokenPath));
        Assert.Equal((UnixFileMode)0b100_100_000, File.GetUnixFileMode(host.TokenPath));
        Assert.Null(new FileInfo(host.TokenPath).LinkTarget);
        Assert.False(File.Exists(Path.Combine(host.OutputDirectory, ".aws-credentials-token.tmp")));
    }

    [Fact]
    public async Task Each_start_draws_a_new_token_and_replaces_the_file()
    {
        string first;
        await using (CredentialsHost host = await StartAsync())
        {
            first = File.ReadAllText(host.TokenPath);
        }

        await using CredentialsHost second = await StartAsync();

        Assert.NotEqual(first, File.ReadAllText(second.TokenPath));
    }

    [Fact]
    public async Task The_token_file_survives_generation_flips_and_layout_repairs()
    {
        await using CredentialsHost host = await StartAsync();
        string token = File.ReadAllText(host.TokenPath);
        DateTime written = File.GetLastWriteTimeUtc(host.TokenPath);
        GenerationWriter writer = host.Services.GetRequiredService<GenerationWriter>();

        for (int i = 0; i < 3; i++)
        {
            long generation = host.Engine.Current.Number;
            host.SetSecret("s3keys", $$"""{"AccessKeyId":"ASIA{{i}}","SecretAccessKey":"s","SessionToken":"t"}""");
            SecretGeneration next = await host.Engine.WaitForGenerationAsync(generation, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            await CredentialsHost.WaitUntilAsync(
                () => File.ReadAllText(Path.Combine(host.OutputDirectory, "s3keys")).Contains($"ASIA{i}", StringComparison.Ordinal),
                "the files output never wrote generation " + next.Number);
        }

        // A repair after someone removed a secret's link re-creates links only; the token file is no link of the writer's.
        File.Delete(Path.Combine(host.OutputDirectory, "s3keys"));
        Assert.Equal(LayoutCheck.Repaired, writer.VerifyLayout());

        Assert.Equal(token, File.ReadAllText(host.TokenPath));
        Assert.Equal(written, File.GetLastWriteTimeUtc(host.TokenPath));
        using HttpResponseMessage response = await host.GetAsync("minio", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
