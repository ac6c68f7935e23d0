using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using SecretBroker.Emulators.Sessions;

namespace SecretBroker.Emulators.Tests.Infrastructure;

/// <summary>Calls the Secrets Manager emulator signed by AWSSDK.Core's public SigV4 signer (a signer nobody here wrote).</summary>
internal static class SecretsManagerCaller
{
    public static async Task<(int Status, JsonElement Body)> CallAsync(
        LocalCloud cloud, AWSCredentials credentials, string operation, object request, DateTime? signedAt = null)
    {
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(cloud.Options.Region),
            Service = "secretsmanager",
            SignPayload = true,
        };
        if (signedAt is { } at)
        {
            parameters.SignedAt = at;
        }

        using var handler = new SigV4SigningHandler(parameters, new SocketsHttpHandler());
        using var http = new HttpClient(handler);
        using var message = new HttpRequestMessage(HttpMethod.Post, cloud.SecretsManagerUrl)
        {
            Content = new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "secretsmanager." + operation);
        using var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
        using var document = JsonDocument.Parse(text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    public static AWSCredentials Credentials(Session session) =>
        new SessionAWSCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken);
}
