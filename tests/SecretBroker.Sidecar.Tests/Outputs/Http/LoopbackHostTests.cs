using Microsoft.AspNetCore.Http;
using SecretBroker.Sidecar.Outputs.Http;

namespace SecretBroker.Sidecar.Tests.Outputs.Http;

/// <summary>The loopback listener answers loopback Host values only (DNS rebinding).</summary>
public class LoopbackHostTests
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:8787")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:8787")]
    [InlineData("127.12.0.3:80")]
    [InlineData("[::1]")]
    [InlineData("[::1]:8787")]
    public void Loopback_names_are_accepted(string host) => Assert.True(LoopbackHost.IsAccepted(new HostString(host)));

    [Theory]
    [InlineData("")]
    [InlineData("evil.example")]
    [InlineData("evil.example:8787")]
    [InlineData("localhost.evil.example")]
    [InlineData("10.0.0.1")]
    [InlineData("128.0.0.1:80")]
    [InlineData("127.1")]
    [InlineData("2130706433")]
    [InlineData("[::2]:80")]
    [InlineData("::1")]
    [InlineData("localhost:")]
    public void Anything_else_is_refused(string host) => Assert.False(LoopbackHost.IsAccepted(new HostString(host)));
}
