using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Tests.Outputs.Socket;

public class SocketRouteTests
{
    [Theory]
    [InlineData("/healthz", "Health")]
    [InlineData("/readyz", "Ready")]
    [InlineData("/v1/secrets", "List")]
    public void Fixed_routes_are_recognised(string path, string kind) =>
        Assert.Equal(new SocketRoute(Enum.Parse<SocketRouteKind>(kind)), SocketRoute.Parse(path));

    [Fact]
    public void A_valid_name_after_the_secrets_prefix_is_a_secret_route() =>
        Assert.Equal(new SocketRoute(SocketRouteKind.Secret, "hf-token"), SocketRoute.Parse("/v1/secrets/hf-token"));

    [Theory]
    [InlineData("/v1/secrets/..")]
    [InlineData("/v1/secrets/../etc/passwd")]
    [InlineData("/v1/secrets/%2e%2e")]
    [InlineData("/v1/secrets/..data")]
    [InlineData("/v1/secrets/a/b")]
    [InlineData("/v1/secrets/HF-TOKEN")]
    [InlineData("/v1/secrets/")]
    [InlineData("/v1/secretsx")]
    [InlineData("/v1/secrets-x/a")]
    [InlineData("/healthz/")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_including_traversal_is_not_found(string? path) =>
        Assert.Equal(SocketRouteKind.NotFound, SocketRoute.Parse(path).Kind);
}
