using Microsoft.AspNetCore.Http;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

public class AuthorizationTests
{
    private static readonly PeerCredentials Stranger = new(7, 65534, 65534);

    [Theory]
    [InlineData("/v1/secrets")]
    [InlineData("/v1/secrets/hf-token")]
    public async Task A_peer_not_allowed_gets_403_and_a_denied_line(string url)
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();

        HttpContext response = await api.SendAsync(url, Stranger);

        Assert.Equal(403, response.Response.StatusCode);
        Assert.DoesNotContain("hf_value", SocketApiFixture.Body(response), StringComparison.Ordinal);
        Assert.Contains(api.Logs.Entries, e => e.EventId.Id == 4012 && e.Message.Contains("uid 65534 gid 65534 pid 7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_connection_without_peer_credentials_is_denied() =>
        Assert.Equal(403, (await NoCredentialsAsync("/v1/secrets/hf-token")).Response.StatusCode);

    [Theory]
    [InlineData("/healthz", 200)]
    [InlineData("/readyz", 503)]
    public async Task Health_routes_answer_anyone_who_can_connect(string url, int status)
    {
        await using SocketApiFixture api = new();

        Assert.Equal(status, (await api.SendAsync(url, Stranger)).Response.StatusCode);
    }

    [Fact]
    public async Task A_secrets_own_list_denies_a_socket_peer_and_hides_it_from_the_list()
    {
        await using SocketApiFixture api = new(new Dictionary<string, PeerAllowList> { ["blob"] = new([1], []) });
        await api.LoadAsync();

        Assert.Equal(403, (await api.SendAsync("/v1/secrets/blob")).Response.StatusCode);
        string list = SocketApiFixture.Body(await api.SendAsync("/v1/secrets"));
        Assert.Contains("\"hf-token\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("\"blob\"", list, StringComparison.Ordinal);
    }

    private static async Task<HttpContext> NoCredentialsAsync(string url)
    {
        await using SocketApiFixture api = new();
        await api.LoadAsync();
        DefaultHttpContext context = SocketApiFixture.Request(url);
        context.Features.Set(new SocketPeerFeature(null));
        await api.Handler.HandleAsync(context);
        return context;
    }
}
