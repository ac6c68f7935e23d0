using System.Text;
using System.Text.Json.Nodes;
using SecretBroker.EndToEnd.Tests.Aws;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Samples;

/// <summary>
/// samples/DirectAws as a team outside this repository would build it (<see cref="PackedSample"/>: built from the
/// packed packages): it loads its Hugging Face token with <c>AddSecretBroker</c> straight from the local cloud over
/// IRSA, then follows a rotation through <c>IOptionsMonitor</c> — logging fingerprints, never the token.
/// </summary>
public sealed class DirectAwsSampleTests(ITestOutputHelper output)
{
    private static readonly string[] Packages = ["SecretBroker.Core", "SecretBroker.Aws", "SecretBroker.Configuration"];

    [Fact]
    public async Task The_sample_built_from_the_packed_packages_loads_the_token_over_irsa_and_reloads_it_without_logging_it()
    {
        using PackedSample sample = await PackedSample.BuildAsync("samples/DirectAws", Packages, output);

        await using AwsCloudSetup setup = await AwsCloudSetup.StartAsync();
        string first = AwsCanary.New("DIRECT_FIRST");
        string rotated = AwsCanary.New("DIRECT_ROTATED");
        await PutTokenThroughAdminApiAsync(setup, first);

        using SampleProcess app = SampleProcess.Start(sample.Dll, new Dictionary<string, string>(setup.IrsaEnvironment()) { ["HuggingFace__Refresh"] = "00:00:01" });

        await app.WaitForLineAsync($"Hugging Face token loaded; fingerprint {SampleProcess.Fingerprint(first)}", TimeSpan.FromSeconds(60));
        string page = await app.PageAsync(p => p.Contains(SampleProcess.Fingerprint(first), StringComparison.Ordinal));
        Assert.Contains("reloads seen: 0", page, StringComparison.Ordinal);

        await PutTokenThroughAdminApiAsync(setup, rotated);
        await app.WaitForLineAsync($"Hugging Face token reloaded; fingerprint now {SampleProcess.Fingerprint(rotated)}", TimeSpan.FromSeconds(30));
        page = await app.PageAsync(p => p.Contains(SampleProcess.Fingerprint(rotated), StringComparison.Ordinal));
        Assert.Contains("reloads seen: 1", page, StringComparison.Ordinal);

        app.Stop();
        output.WriteLine(app.Output);
        Assert.Contains(setup.Cloud.Sessions.All(), s => s.RoleArn == setup.Cloud.Options.RoleArn);
        Assert.True(setup.Cloud.Counters.Snapshot().GetValueOrDefault("sts.AssumeRoleWithWebIdentity")?.GetValueOrDefault("ok") > 0, "the sample never assumed the role over IRSA");
        AwsCanary.AssertNoLeak(app.Output, setup);
    }

    [Fact]
    public void The_sample_references_the_version_the_repository_packs_and_is_not_built_by_the_solution()
    {
        string props = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "DirectAws", "Directory.Build.props"));
        Assert.Contains($"<SecretBrokerVersion Condition=\"'$(SecretBrokerVersion)' == ''\">{PackedSample.RepositoryVersion()}</SecretBrokerVersion>", props, StringComparison.Ordinal);

        string project = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "DirectAws", "DirectAws.csproj"));
        Assert.DoesNotContain("ProjectReference", project, StringComparison.Ordinal);
        Assert.DoesNotContain("DirectAws", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "SecretBroker.sln")), StringComparison.Ordinal);
    }

    private static async Task PutTokenThroughAdminApiAsync(AwsCloudSetup setup, string token)
    {
        using HttpClient admin = new() { BaseAddress = setup.Cloud.AdminUrl };
        string body = new JsonObject { ["secretString"] = new JsonObject { ["token"] = token }.ToJsonString() }.ToJsonString();
        using StringContent content = new(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await admin.PutAsync(new Uri($"v1/secrets/{AwsCloudSetup.SecretId}", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }
}
