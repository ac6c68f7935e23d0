using System.Net;
using System.Net.Http.Json;
using SecretBroker.Emulators.Tests.Infrastructure;

namespace SecretBroker.Emulators.Tests;

public sealed class SecretSizeLimitTests
{
    [Fact]
    public async Task The_admin_API_accepts_65536_bytes_and_rejects_65537()
    {
        await using var test = await TestCloud.StartAsync();
        using var http = new HttpClient { BaseAddress = test.Cloud.AdminUrl };

        using var atLimit = await http.PutAsJsonAsync("v1/secrets/big", new { secretString = new string('a', 65_536) });
        using var overLimit = await http.PutAsJsonAsync("v1/secrets/big", new { secretString = new string('a', 65_537) });
        using var binaryOver = await http.PutAsJsonAsync("v1/secrets/bin", new { secretBinary = Convert.ToBase64String(new byte[65_537]) });

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, overLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, binaryOver.StatusCode);
        Assert.Single(test.Cloud.Secrets.Read("big", s => s.AllVersions)!);
        Assert.Null(test.Cloud.Secrets.Read("bin", s => s));
    }
}
