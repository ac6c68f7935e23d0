using Amazon.Runtime;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Outputs.Http.Credentials;

/// <summary>
/// The AWS SDK for .NET's own container-credentials provider (<see cref="GenericContainerCredentials"/>), configured
/// only by <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c> and <c>AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE</c>, reads a
/// <c>type: secret</c> set, and fetches again (seeing a rotation) once the announced expiration is inside its
/// 15-minute pre-emption window.
/// </summary>
[Collection(nameof(ContainerCredentialsEnvironment))]
public sealed class AwsSdkForDotNetReadsTheRouteTests
{
    private static string Keys(string id, string token, DateTimeOffset expiration) =>
        $$"""{"AccessKeyId":"{{id}}","SecretAccessKey":"{{id}}/secret","SessionToken":"{{token}}","Expiration":"{{expiration.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}"}""";

    [Fact]
    public async Task The_sdk_gets_the_secrets_keys_and_its_refresh_gets_a_rotation()
    {
        // 12 minutes: inside the SDK's 15-minute preempt window, outside its 1-minute expiration buffer.
        DateTimeOffset expiration = DateTimeOffset.UtcNow.AddMinutes(12);
        await using CredentialsHost host = await CredentialsHost.StartAsync(
            new Dictionary<string, string?> { ["s3keys"] = Keys("ASIADOTNET1", "token-1", expiration) },
            new SecretCredentialSetSettings("minio", "s3keys", AllowLongTermKeys: false));
        string? uri = Environment.GetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        string? tokenFile = Environment.GetEnvironmentVariable("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        Environment.SetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI", new Uri(host.Client.BaseAddress!, "/v1/credentials/aws/minio").ToString());
        Environment.SetEnvironmentVariable("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", host.TokenPath);
        try
        {
            GenericContainerCredentials credentials = new();

            ImmutableCredentials first = await credentials.GetCredentialsAsync();
            Assert.Equal(("ASIADOTNET1", "ASIADOTNET1/secret", "token-1"), (first.AccessKey, first.SecretKey, first.Token));

            long generation = host.Engine.Current.Number;
            host.SetSecret("s3keys", Keys("ASIADOTNET2", "token-2", expiration));
            await host.Engine.WaitForGenerationAsync(generation, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

            // Inside its 15-minute window the SDK answers what it holds and refreshes in the background: a later call
            // sees the rotation, with no restart and no ClearCredentials.
            ImmutableCredentials? second = null;
            for (int attempt = 0; attempt < 200 && second?.AccessKey != "ASIADOTNET2"; attempt++)
            {
                second = await credentials.GetCredentialsAsync();
                if (second.AccessKey != "ASIADOTNET2")
                {
                    await Task.Delay(25);
                }
            }

            Assert.Equal(("ASIADOTNET2", "ASIADOTNET2/secret", "token-2"), (second!.AccessKey, second.SecretKey, second.Token));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri);
            Environment.SetEnvironmentVariable("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile);
        }
    }

    [Fact]
    public async Task Without_the_token_the_sdk_gets_nothing()
    {
        await using CredentialsHost host = await CredentialsHost.StartAsync(
            new Dictionary<string, string?> { ["s3keys"] = Keys("ASIADOTNET1", "token-1", DateTimeOffset.UtcNow.AddHours(1)) },
            new SecretCredentialSetSettings("minio", "s3keys", AllowLongTermKeys: false));
        using TempDirectory other = new();
        string wrongToken = other.Write("token", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        string? uri = Environment.GetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        string? tokenFile = Environment.GetEnvironmentVariable("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        Environment.SetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI", new Uri(host.Client.BaseAddress!, "/v1/credentials/aws/minio").ToString());
        Environment.SetEnvironmentVariable("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", wrongToken);
        try
        {
            GenericContainerCredentials credentials = new();

            await Assert.ThrowsAnyAsync<Exception>(() => credentials.GetCredentialsAsync());
            Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 4152);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri);
            Environment.SetEnvironmentVariable("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile);
        }
    }
}
