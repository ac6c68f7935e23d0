using System.Globalization;
using System.Net;
using System.Text.Json;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Aws;

/// <summary>
/// The real sidecar, its identity from IRSA, chaining into a model-store role with <c>sts:AssumeRole</c> (the STS
/// emulator verifies the signature, the trust and the 1-hour cap) and serving the session on its credentials route:
/// 64 concurrent pollers cost exactly one AssumeRole; the session carries the scope-down policy and the pod's session
/// tags from the downward-API variables.
/// </summary>
public sealed class AssumeRoleCredentialSetTests
{
    private const string WeightsRole = "arn:aws:iam::111122223333:role/weights-reader";
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

    [Fact]
    public async Task Sixty_four_pollers_share_one_assume_role_session_tagged_with_the_pod()
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync(o => o.Sts.AssumeRoleTrust[WeightsRole] = [o.RoleArn]);
        setup.PutToken("hf_assume_role");
        string config = setup.WriteConfig(refresh: TimeSpan.FromSeconds(30), http: true);
        File.AppendAllText(config, $"credentials:\n  weights:\n    type: aws-assume-role\n    backend: models\n    roleArn: {WeightsRole}\n    duration: 15m\n    policy: '{Policy}'\n");
        Dictionary<string, string> environment = setup.IrsaEnvironment();
        environment["SECRETBROKER_POD_NAMESPACE"] = "ml";
        environment["SECRETBROKER_POD_NAME"] = "vllm-0";
        environment["SECRETBROKER_POD_SERVICE_ACCOUNT"] = "inference";

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: environment);
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(30));
        Uri route = new("http://127.0.0.1:" + sidecar.HttpListeningPort().ToString(CultureInfo.InvariantCulture) + "/v1/credentials/aws/weights");
        string token = File.ReadAllText(Path.Combine(setup.OutputDirectory, "aws-credentials-token"));
        using HttpClient client = new() { Timeout = TimeSpan.FromSeconds(10) };
        DateTimeOffset before = DateTimeOffset.UtcNow;
        await Eventually.HoldsAsync(
            async () => (await GetAsync(client, route, token)).Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            $"a 200 from the credentials route.\nstdout:\n{sidecar.StandardOutput}");

        (HttpStatusCode Status, string Body)[] answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => GetAsync(client, route, token)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct(StringComparer.Ordinal));
        Assert.Equal(1, setup.Cloud.Counters.Count("sts.AssumeRole", "ok"));
        Assert.Equal(setup.Cloud.Counters.Count("sts.AssumeRole"), setup.Cloud.Counters.Count("sts.AssumeRole", "ok"));

        using JsonDocument served = JsonDocument.Parse(answers[0].Body);
        string accessKeyId = served.RootElement.GetProperty("AccessKeyId").GetString()!;
        Assert.Equal("111122223333", served.RootElement.GetProperty("AccountId").GetString());
        DateTimeOffset expiration = DateTimeOffset.Parse(served.RootElement.GetProperty("Expiration").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(expiration, before.AddMinutes(15).AddSeconds(-5), DateTimeOffset.UtcNow.AddMinutes(15).AddSeconds(5));

        var session = setup.Cloud.Sessions.Find(accessKeyId);
        Assert.NotNull(session);
        Assert.Equal(WeightsRole, session.RoleArn);
        Assert.Equal(session.SecretAccessKey, served.RootElement.GetProperty("SecretAccessKey").GetString());
        Assert.Equal(session.SessionToken, served.RootElement.GetProperty("Token").GetString());
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/weights-reader/secretbroker-weights", session.AssumedRoleArn);
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/broker/", session.Subject, StringComparison.Ordinal);
        Assert.Equal(Policy, session.Policy);
        Assert.Equal(
            new Dictionary<string, string> { ["kubernetes-namespace"] = "ml", ["kubernetes-pod-name"] = "vllm-0", ["kubernetes-service-account"] = "inference" },
            session.Tags);
        Assert.DoesNotContain(session.SecretAccessKey, sidecar.StandardOutput + sidecar.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_that_refuses_the_sidecar_answers_503_and_the_secrets_keep_flowing()
    {
        // The weights role trusts another role only (without any entry the local cloud trusts the broker by default):
        // AssumeRole is AccessDenied.
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync(o => o.Sts.AssumeRoleTrust[WeightsRole] = ["arn:aws:iam::111122223333:role/someone-else"]);
        setup.PutToken("hf_still_delivered");
        string config = setup.WriteConfig(refresh: TimeSpan.FromSeconds(30), http: true);
        File.AppendAllText(config, $"credentials:\n  weights: {{ type: aws-assume-role, backend: models, roleArn: \"{WeightsRole}\" }}\n");

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.IrsaEnvironment());
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(30));
        Uri route = new("http://127.0.0.1:" + sidecar.HttpListeningPort().ToString(CultureInfo.InvariantCulture) + "/v1/credentials/aws/weights");
        string token = File.ReadAllText(Path.Combine(setup.OutputDirectory, "aws-credentials-token"));
        using HttpClient client = new() { Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.HoldsAsync(() => setup.Cloud.Counters.Count("sts.AssumeRole", "AccessDenied") >= 1, TimeSpan.FromSeconds(30), "an AssumeRole refused");

        (HttpStatusCode status, string body) = await GetAsync(client, route, token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("sts:AssumeRole has not answered yet", body, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => setup.ReadOutput() == "hf_still_delivered", TimeSpan.FromSeconds(30), "the secret delivered");
    }

    [Fact]
    public async Task A_session_is_replaced_ahead_of_its_expiry_while_pollers_keep_getting_one_that_is_valid()
    {
        // 6 s sessions (the emulator's knob; real STS issues at least 15 min): the engine fetches again at 2/3, 4 s.
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync(o =>
        {
            o.Sts.AssumeRoleTrust[WeightsRole] = [o.RoleArn];
            o.Sts.AssumeRoleSessionLifetime = TimeSpan.FromSeconds(6);
        });
        setup.PutToken("hf_assume_role");
        string config = setup.WriteConfig(refresh: TimeSpan.FromSeconds(30), http: true);
        File.AppendAllText(config, $"credentials:\n  weights: {{ type: aws-assume-role, backend: models, roleArn: \"{WeightsRole}\", duration: 15m }}\n");
        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.IrsaEnvironment());
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(30));
        Uri route = new("http://127.0.0.1:" + sidecar.HttpListeningPort().ToString(CultureInfo.InvariantCulture) + "/v1/credentials/aws/weights");
        string token = File.ReadAllText(Path.Combine(setup.OutputDirectory, "aws-credentials-token"));
        using HttpClient client = new() { Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.HoldsAsync(async () => (await GetAsync(client, route, token)).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the first session");
        string first = KeyOf((await GetAsync(client, route, token)).Body);
        Assert.Equal(1, setup.Cloud.Counters.Count("sts.AssumeRole", "ok"));

        // Poll like 64 SDKs until the key changes; every answer must be a session that has not expired.
        HashSet<string> seen = [first];
        await Eventually.HoldsAsync(
            async () =>
            {
                foreach ((HttpStatusCode status, string body) in await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => GetAsync(client, route, token))))
                {
                    Assert.Equal(HttpStatusCode.OK, status);
                    using JsonDocument json = JsonDocument.Parse(body);
                    Assert.True(DateTimeOffset.Parse(json.RootElement.GetProperty("Expiration").GetString()!, CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddSeconds(-1));
                    seen.Add(json.RootElement.GetProperty("AccessKeyId").GetString()!);
                }

                return seen.Count > 1;
            },
            TimeSpan.FromSeconds(20),
            "a second session");

        // One AssumeRole per refresh, however many pollers: each session seen came from one call (a third may have
        // just been issued and not polled yet).
        long calls = setup.Cloud.Counters.Count("sts.AssumeRole", "ok");
        Assert.InRange(calls, seen.Count, seen.Count + 1);
        Assert.Equal(calls, setup.Cloud.Counters.Count("sts.AssumeRole"));
    }

    [Fact]
    public async Task When_sts_refuses_the_last_session_is_served_stale_until_it_expires_then_503()
    {
        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync(o =>
        {
            o.Sts.AssumeRoleTrust[WeightsRole] = [o.RoleArn];
            o.Sts.AssumeRoleSessionLifetime = TimeSpan.FromSeconds(6);
        });
        setup.PutToken("hf_assume_role");
        string config = setup.WriteConfig(refresh: TimeSpan.FromSeconds(30), http: true);
        File.AppendAllText(config, $"credentials:\n  weights: {{ type: aws-assume-role, backend: models, roleArn: \"{WeightsRole}\" }}\n");
        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.IrsaEnvironment());
        await sidecar.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(30));
        Uri route = new("http://127.0.0.1:" + sidecar.HttpListeningPort().ToString(CultureInfo.InvariantCulture) + "/v1/credentials/aws/weights");
        string token = File.ReadAllText(Path.Combine(setup.OutputDirectory, "aws-credentials-token"));
        using HttpClient client = new() { Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.HoldsAsync(async () => (await GetAsync(client, route, token)).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the first session");
        (_, string firstBody) = await GetAsync(client, route, token);
        using JsonDocument first = JsonDocument.Parse(firstBody);
        DateTimeOffset expiration = DateTimeOffset.Parse(first.RootElement.GetProperty("Expiration").GetString()!, CultureInfo.InvariantCulture);

        // From now on the role refuses the sidecar: the refresh at 2/3 of the session fails.
        setup.Cloud.Options.Sts.AssumeRoleTrust.Remove(WeightsRole);
        bool sawStale = false;
        string? refusal = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                using HttpRequestMessage request = new(HttpMethod.Get, route);
                request.Headers.TryAddWithoutValidation("Authorization", token);
                using HttpResponseMessage response = await client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Assert.Equal(firstBody, await response.Content.ReadAsStringAsync());
                    Assert.True(DateTimeOffset.UtcNow < expiration.AddSeconds(1), "an expired session was served");
                    sawStale |= response.Headers.Contains("SecretBroker-Stale");
                    return false;
                }

                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                refusal = await response.Content.ReadAsStringAsync();
                return true;
            },
            TimeSpan.FromSeconds(20),
            "the route to stop serving the expired session");

        Assert.True(sawStale, "the session was never flagged stale while STS refused");
        Assert.True(DateTimeOffset.UtcNow >= expiration.AddSeconds(-1), "the session stopped being served before it expired");
        Assert.Contains("the session expired and sts:AssumeRole has not answered since", refusal, StringComparison.Ordinal);
        Assert.True(setup.Cloud.Counters.Count("sts.AssumeRole", "AccessDenied") >= 1);
    }

    private static string KeyOf(string body)
    {
        using JsonDocument json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("AccessKeyId").GetString()!;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, Uri route, string token)
    {
        using HttpRequestMessage request = new(HttpMethod.Get, route);
        request.Headers.TryAddWithoutValidation("Authorization", token);
        using HttpResponseMessage response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
