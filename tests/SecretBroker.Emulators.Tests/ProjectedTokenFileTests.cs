using System.Text;
using System.Text.Json;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

public sealed class ProjectedTokenFileTests
{
    [Fact]
    public async Task Tokens_are_written_kubelet_style_with_Kubernetes_claims_and_rotation_swaps_the_data_link()
    {
        await using var test = await TestCloud.StartAsync();
        var file = test.Cloud.IrsaToken;
        var dataLink = new FileInfo(Path.Combine(file.MountDirectory, "..data"));
        var firstTarget = dataLink.LinkTarget;
        var first = await File.ReadAllBytesAsync(file.Path);

        file.Rotate();
        var secondTarget = new FileInfo(dataLink.FullName).LinkTarget;
        var second = await File.ReadAllTextAsync(file.Path);

        Assert.Equal(Path.Combine("..data", "token"), new FileInfo(file.Path).LinkTarget);
        Assert.StartsWith("..", firstTarget, StringComparison.Ordinal);
        Assert.NotEqual(firstTarget, secondTarget);
        Assert.False(Directory.Exists(Path.Combine(file.MountDirectory, firstTarget!)));
        Assert.False(File.Exists(Path.Combine(file.MountDirectory, "..data_tmp")));
        Assert.NotEqual((byte)'\n', first[^1]);
        Assert.NotEqual(Encoding.UTF8.GetString(first), second);

        var claims = JsonDocument.Parse(Convert.FromBase64String(Pad(second.Split('.')[1]))).RootElement;
        Assert.Equal(test.Cloud.Issuer.Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal("system:serviceaccount:apps:broker", claims.GetProperty("sub").GetString());
        Assert.Equal(JsonValueKind.Array, claims.GetProperty("aud").ValueKind);
        Assert.Equal("sts.amazonaws.com", claims.GetProperty("aud")[0].GetString());
        Assert.Equal(3600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.True(claims.TryGetProperty("nbf", out _));
        Assert.True(claims.TryGetProperty("jti", out _));
        var k8s = claims.GetProperty("kubernetes.io");
        Assert.Equal("apps", k8s.GetProperty("namespace").GetString());
        Assert.Equal("broker", k8s.GetProperty("serviceaccount").GetProperty("name").GetString());
        Assert.True(k8s.GetProperty("serviceaccount").TryGetProperty("uid", out _));
        Assert.Equal("broker-0", k8s.GetProperty("pod").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_issuer_publishes_discovery_and_a_JWKS_with_its_key_id()
    {
        await using var test = await TestCloud.StartAsync();
        using var http = new HttpClient();

        var discovery = JsonDocument.Parse(await http.GetStringAsync(new Uri(test.Cloud.OidcUrl, ".well-known/openid-configuration"))).RootElement;
        var jwks = JsonDocument.Parse(await http.GetStringAsync(new Uri(discovery.GetProperty("jwks_uri").GetString()!))).RootElement;

        Assert.Equal(test.Cloud.Issuer.Issuer, discovery.GetProperty("issuer").GetString());
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal(test.Cloud.Issuer.KeyId, key.GetProperty("kid").GetString());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal(256, Convert.FromBase64String(Pad(key.GetProperty("n").GetString()!)).Length);
    }

    private static string Pad(string b64url)
    {
        var s = b64url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - (s.Length % 4)) % 4);
    }
}
