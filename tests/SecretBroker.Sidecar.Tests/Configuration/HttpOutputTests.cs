using System.Net;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

public class HttpOutputTests
{
    private static string WithListen(string listen) => ConfigFixture.Valid + "\n  http:\n    listen: " + listen;

    [Theory]
    [InlineData("127.0.0.1:8787", "127.0.0.1", 8787)]
    [InlineData("\"127.0.0.1:0\"", "127.0.0.1", 0)]
    [InlineData("127.8.9.10:65535", "127.8.9.10", 65535)]
    [InlineData("\"[::1]:9090\"", "::1", 9090)]
    [InlineData("localhost:8787", "127.0.0.1", 8787)]
    public void A_loopback_listen_address_is_read(string listen, string address, int port)
    {
        HttpOutputSettings http = ConfigFixture.Load(WithListen(listen)).Outputs.Http!;

        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), http.Listen);
    }

    [Theory]
    [InlineData("0.0.0.0:8787", "'0.0.0.0:8787' is not a loopback address")]
    [InlineData("10.1.2.3:8787", "'10.1.2.3:8787' is not a loopback address")]
    [InlineData("\"[::]:8787\"", "'[::]:8787' is not a loopback address")]
    [InlineData("\"[::ffff:127.0.0.1]:8787\"", "'[::ffff:127.0.0.1]:8787' is not a loopback address")]
    [InlineData("metrics.example.com:8787", "'metrics.example.com:8787' is not a loopback address")]
    [InlineData("127.0.0.1:65536", "'127.0.0.1:65536' is not a listen address")]
    [InlineData("127.0.0.1:-1", "'127.0.0.1:-1' is not a listen address")]
    [InlineData("127.0.0.1", "'127.0.0.1' is not a listen address")]
    [InlineData("\"::1:8787\"", "'::1:8787' is not a listen address")]
    [InlineData("127.1:8787", "'127.1:8787' is not a listen address")]
    public void Anything_but_a_loopback_address_and_port_is_an_error_naming_the_key_and_line(string listen, string problem) =>
        Assert.Contains(":13: outputs.http.listen: " + problem, ConfigFixture.Errors(WithListen(listen)), StringComparison.Ordinal);

    [Fact]
    public void Listen_is_required_when_the_section_is_present() =>
        Assert.Contains(":12: outputs.http.listen: is required", ConfigFixture.Errors(ConfigFixture.Valid + "\n  http: {}"), StringComparison.Ordinal);

    [Fact]
    public void Unknown_http_keys_are_rejected() =>
        Assert.Contains(":14: outputs.http.path: unknown key", ConfigFixture.Errors(WithListen("127.0.0.1:1") + "\n    path: /x"), StringComparison.Ordinal);

    [Fact]
    public void Http_alone_is_not_an_output_because_it_delivers_no_secret()
    {
        string config = ConfigFixture.Valid.Replace("  files:\n    dir: /dev/shm/secretbroker-test", "  http:\n    listen: 127.0.0.1:8787", StringComparison.Ordinal);

        Assert.Contains(":9: outputs: outputs.http serves health and metrics only", ConfigFixture.Errors(config), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_section_there_is_no_listener() =>
        Assert.Null(ConfigFixture.Load(ConfigFixture.Valid).Outputs.Http);
}
