using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SecretBroker.Emulators.Oidc;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

/// <summary>STS refuses tokens a real STS would: wrong audience, foreign key, expired, untrusted subject.</summary>
public sealed class WebIdentityTokenValidationTests
{
    [Fact]
    public async Task A_token_for_another_audience_is_InvalidIdentityToken()
    {
        await using var test = await TestCloud.StartAsync();
        var token = test.Cloud.Issuer.Mint(new ServiceAccountTokenRequest { Audiences = ["vault"] });

        var (status, code, _) = await StsCaller.AssumeAsync(test.Cloud, token);

        Assert.Equal(400, status);
        Assert.Equal("InvalidIdentityToken", code);
        Assert.Empty(test.Cloud.Sessions.All());
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_InvalidIdentityToken()
    {
        await using var test = await TestCloud.StartAsync();
        var cloud = test.Cloud;
        using var otherKey = RSA.Create(2048);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var forged = OidcIssuer.Sign(new JsonObject
        {
            ["iss"] = cloud.Issuer.Issuer,
            ["sub"] = cloud.Options.IrsaToken.Subject,
            ["aud"] = new JsonArray("sts.amazonaws.com"),
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
        }, otherKey, cloud.Issuer.KeyId);

        var (status, code, _) = await StsCaller.AssumeAsync(cloud, forged);

        Assert.Equal(400, status);
        Assert.Equal("InvalidIdentityToken", code);
    }

    [Fact]
    public async Task An_expired_token_is_ExpiredTokenException()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o => o.TimeProvider = clock);
        var token = await File.ReadAllTextAsync(test.Cloud.IrsaToken.Path);
        clock.Advance(test.Cloud.Options.IrsaToken.Lifetime + TimeSpan.FromSeconds(1));

        var (status, code, _) = await StsCaller.AssumeAsync(test.Cloud, token);

        Assert.Equal(400, status);
        Assert.Equal("ExpiredTokenException", code);
    }

    [Fact]
    public async Task A_subject_the_role_does_not_trust_is_AccessDenied()
    {
        await using var test = await TestCloud.StartAsync();
        var token = test.Cloud.Issuer.Mint(new ServiceAccountTokenRequest { ServiceAccount = "intruder" });

        var (status, code, _) = await StsCaller.AssumeAsync(test.Cloud, token);

        Assert.Equal(403, status);
        Assert.Equal("AccessDenied", code);
    }

    [Theory]
    [InlineData("x", null)]
    [InlineData("bad name!", null)]
    [InlineData("ok-session", "899")]
    [InlineData("ok-session", "43201")]
    public async Task Parameters_outside_the_model_constraints_are_ValidationError(string sessionName, string? duration)
    {
        await using var test = await TestCloud.StartAsync();
        var token = await File.ReadAllTextAsync(test.Cloud.IrsaToken.Path);

        var (status, code, _) = await StsCaller.AssumeAsync(test.Cloud, token, sessionName: sessionName, duration: duration);

        Assert.Equal(400, status);
        Assert.Equal("ValidationError", code);
    }

    [Fact]
    public async Task A_valid_token_gets_credentials_for_the_requested_duration()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var test = await TestCloud.StartAsync(o => o.TimeProvider = clock);
        var token = await File.ReadAllTextAsync(test.Cloud.IrsaToken.Path);

        var (status, code, _) = await StsCaller.AssumeAsync(test.Cloud, token, duration: "900");

        Assert.Equal(200, status);
        Assert.Null(code);
        var session = Assert.Single(test.Cloud.Sessions.All());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds() + 900, session.Expiration.ToUnixTimeSeconds());
    }
}
