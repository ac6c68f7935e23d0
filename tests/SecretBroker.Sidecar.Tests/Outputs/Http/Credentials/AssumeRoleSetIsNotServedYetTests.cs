using System.Net;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Outputs.Http.Credentials;

/// <summary>
/// <c>type: aws-assume-role</c> is validated but not served by this version: its route says so (503, never an empty or
/// made-up credential) and the start logs a warning naming the set, while <c>type: secret</c> sets are served.
/// </summary>
public sealed class AssumeRoleSetIsNotServedYetTests
{
    [Fact]
    public async Task An_assume_role_set_answers_503_naming_itself_and_is_warned_about_at_start()
    {
        await using CredentialsHost host = await CredentialsHost.StartAsync(
            new Dictionary<string, string?> { ["s3keys"] = """{"AccessKeyId":"ASIAX","SecretAccessKey":"s","SessionToken":"t"}""" },
            new SecretCredentialSetSettings("minio", "s3keys", AllowLongTermKeys: false),
            new AssumeRoleCredentialSetSettings("weights", "models", "arn:aws:iam::111122223333:role/weights-reader", "secretbroker-weights", TimeSpan.FromHours(1), Policy: null));

        using HttpResponseMessage weights = await host.GetAuthorizedAsync("weights");
        using HttpResponseMessage minio = await host.GetAuthorizedAsync("minio");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, weights.StatusCode);
        Assert.NotNull(weights.Headers.RetryAfter);
        Assert.Contains("Credential set 'weights': type aws-assume-role is validated but not served", await CredentialsHost.DetailAsync(weights), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, minio.StatusCode);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 4156 && e.Message.StartsWith("Credential set weights (type aws-assume-role)", StringComparison.Ordinal));
    }
}
