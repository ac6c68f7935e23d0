using System.Net;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Outputs.Http.Credentials;

/// <summary>
/// While a set's source fails, its last good (unexpired) keys keep being served, flagged: <c>SecretBroker-Stale: true</c>
/// on the answer and <c>secretbroker_credentials_stale</c> in <c>/metrics</c>; requests are counted by status.
/// </summary>
public sealed class StaleKeysAreFlaggedTests
{
    [Fact]
    public async Task A_failing_source_keeps_serving_the_last_keys_flagged_stale_in_the_answer_and_the_metrics()
    {
        await using CredentialsHost host = await CredentialsHost.StartAsync(
            new Dictionary<string, string?> { ["s3keys"] = """{"AccessKeyId":"ASIALAST","SecretAccessKey":"s","SessionToken":"t","Expiration":"2099-01-01T00:00:00Z"}""" },
            new SecretCredentialSetSettings("minio", "s3keys", AllowLongTermKeys: false));
        using (HttpResponseMessage fresh = await host.GetAuthorizedAsync("minio"))
        {
            Assert.False(fresh.Headers.Contains("SecretBroker-Stale"));
        }

        Assert.Contains("\nsecretbroker_credentials_stale{} 0\n", await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);

        File.Delete(Path.Combine(host.SourceDirectory, "s3keys"));
        await CredentialsHost.WaitUntilAsync(() => host.Engine.Current.TryGet("s3keys", out SecretEntry? entry) && entry.Stale, "the secret never went stale");

        using HttpResponseMessage stale = await host.GetAuthorizedAsync("minio");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("ASIALAST", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["true"], stale.Headers.GetValues("SecretBroker-Stale"));
        string metrics = await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("\nsecretbroker_credentials_stale{} 1\n", metrics, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^secretbroker_credentials_requests_total\{status=""200""\} 2$", metrics);
    }
}
