using System.Text.Json.Nodes;
using SecretBroker.Deploy.Tests.Infrastructure;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Mutation;

/// <summary>
/// A generated config passes the real sidecar's own validation (`secretbroker check`), so an injected pod never
/// crash-loops on a config the injector wrote. Outside a pod the environment is missing (no tmpfs at
/// /var/run/secretbroker, no identity), so `check` gets past the config and stops there.
/// </summary>
public sealed class TheSidecarAcceptsGeneratedConfigsTests
{
    [Theory]
    [InlineData(Fixture.Deployment)]
    [InlineData(Fixture.Job)]
    [InlineData(Fixture.Irsa)]
    [InlineData(Fixture.EksPodIdentity)]
    [InlineData(Fixture.AzureWorkloadIdentity)]
    [InlineData(Fixture.AzureWorkloadIdentityLabelled)]
    public async Task The_generated_config_is_valid_for_the_sidecar(string fixture)
    {
        Tool.Result result = await CheckAsync(GeneratedConfig(fixture));

        Assert.DoesNotContain("invalid configuration", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the configuration cannot be used here", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_vault_config_generated_from_the_base_backends_file_is_valid_for_the_sidecar()
    {
        string catalog = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Deploy, "injector", "base", "backends.yaml"));
        JsonObject review = Fixture.Load(Fixture.AzureWorkloadIdentityLabelled);
        JsonObject annotations = Fixture.Annotations(review);
        annotations.Remove("secretbroker.io/secret-search-key");
        annotations["secretbroker.io/secret-hf-token"] = "kv:hf-token#token";

        JsonObject patched = new InjectorUnderTest(catalog).Review(review).PatchedPod!;
        string config = (string)patched["metadata"]!["annotations"]!["injector.secretbroker.io/config"]!;
        Tool.Result result = await CheckAsync(config);

        Assert.Contains("type: azure-key-vault", config, StringComparison.Ordinal);
        Assert.DoesNotContain("aws-secrets-manager", config, StringComparison.Ordinal);
        Assert.DoesNotContain("invalid configuration", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the configuration cannot be used here", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_does_refuse_a_broken_config()
    {
        Tool.Result result = await CheckAsync(GeneratedConfig(Fixture.Deployment).Replace("allowSharedDir:", "allowSharedDirs:", StringComparison.Ordinal));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("invalid configuration", result.Stderr, StringComparison.Ordinal);
    }

    private static string GeneratedConfig(string fixture)
    {
        JsonObject patched = new InjectorUnderTest().Review(Fixture.Load(fixture)).PatchedPod!;
        return (string)patched["metadata"]!["annotations"]!["injector.secretbroker.io/config"]!;
    }

    private static async Task<Tool.Result> CheckAsync(string config)
    {
        string path = Path.Combine(Path.GetTempPath(), $"secretbroker-injected-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, config);
        try
        {
            return await Tool.RunAsync(RepositoryPaths.DotnetHost, [RepositoryPaths.SidecarDll, "check", "--config", path]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
