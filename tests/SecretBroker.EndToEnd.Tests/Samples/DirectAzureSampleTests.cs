using System.Text;
using System.Text.Json.Nodes;
using SecretBroker.EndToEnd.Tests.Azure;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Samples;

/// <summary>
/// samples/azure/DirectAzure as a team outside this repository would build it (<see cref="PackedSample"/>: built from
/// the packed packages): it loads its Hugging Face token with <c>AddSecretBroker</c> + <c>AddAzureKeyVault</c> straight
/// from the Key Vault emulator over Entra workload identity, then a new version set in the vault reaches the bound
/// options through <c>IOptionsMonitor</c> — logging fingerprints, never the token.
/// </summary>
public sealed class DirectAzureSampleTests(ITestOutputHelper output)
{
    private static readonly string[] Packages = ["SecretBroker.Core", "SecretBroker.Azure", "SecretBroker.Configuration"];

    [Fact]
    public async Task The_sample_built_from_the_packed_packages_loads_the_token_over_workload_identity_and_reloads_a_new_version_without_logging_it()
    {
        using PackedSample sample = await PackedSample.BuildAsync("samples/azure/DirectAzure", Packages, output);

        await using AzureCloudSetup setup = await AzureCloudSetup.StartAsync();
        string first = AzureCanary.New("DIRECT_FIRST");
        string rotated = AzureCanary.New("DIRECT_ROTATED");
        await SetSecretThroughAdminApiAsync(setup, first);

        Dictionary<string, string> environment = new(setup.WorkloadIdentityEnvironment())
        {
            ["KeyVault__Uri"] = setup.Cloud.KeyVaultUrl.ToString(),
            ["HuggingFace__Refresh"] = "00:00:01",
        };
        using SampleProcess app = SampleProcess.Start(sample.Dll, environment);

        await app.WaitForLineAsync($"Hugging Face token loaded; fingerprint {SampleProcess.Fingerprint(first)}", TimeSpan.FromSeconds(60));
        string page = await app.PageAsync(p => p.Contains(SampleProcess.Fingerprint(first), StringComparison.Ordinal));
        Assert.Contains("reloads seen: 0", page, StringComparison.Ordinal);

        await SetSecretThroughAdminApiAsync(setup, rotated);
        await app.WaitForLineAsync($"Hugging Face token reloaded; fingerprint now {SampleProcess.Fingerprint(rotated)}", TimeSpan.FromSeconds(30));
        page = await app.PageAsync(p => p.Contains(SampleProcess.Fingerprint(rotated), StringComparison.Ordinal));
        Assert.Contains("reloads seen: 1", page, StringComparison.Ordinal);

        app.Stop();
        output.WriteLine(app.Output);
        Assert.Contains(setup.Cloud.Azure.TokenRequests.Issued(), r => r.AssertionId == setup.Cloud.Azure.Token.CurrentId);
        Assert.True(setup.KeyVaultRequests("ok") >= 2, "the sample never read the vault");
        AzureCanary.AssertNoLeak(app.Output, setup);
    }

    [Fact]
    public void The_sample_references_the_version_the_repository_packs_and_is_not_built_by_the_solution()
    {
        string directory = Path.Combine(RepositoryPaths.Root, "samples", "azure", "DirectAzure");
        string props = File.ReadAllText(Path.Combine(directory, "Directory.Build.props"));
        Assert.Contains($"<SecretBrokerVersion Condition=\"'$(SecretBrokerVersion)' == ''\">{PackedSample.RepositoryVersion()}</SecretBrokerVersion>", props, StringComparison.Ordinal);
        Assert.DoesNotContain("ProjectReference", File.ReadAllText(Path.Combine(directory, "DirectAzure.csproj")), StringComparison.Ordinal);
        Assert.DoesNotContain("DirectAzure", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "SecretBroker.sln")), StringComparison.Ordinal);
        Assert.Contains("../../../nuget/packages", File.ReadAllText(Path.Combine(directory, "NuGet.config")), StringComparison.Ordinal);
    }

    /// <summary>A new version through the admin API over HTTP, as an operator's PUT to the vault would make one.</summary>
    private static async Task SetSecretThroughAdminApiAsync(AzureCloudSetup setup, string value)
    {
        using HttpClient admin = new() { BaseAddress = setup.Cloud.AdminUrl };
        using StringContent content = new(new JsonObject { ["value"] = value }.ToJsonString(), Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await admin.PutAsync(new Uri($"v1/azure/keyvault/secrets/{AzureCloudSetup.SecretName}", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }
}
