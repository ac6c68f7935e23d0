using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Azure;

/// <summary>
/// The harness starts the sidecar without the test runner's own AZURE_* variables (a developer's shell or a CI
/// runner on Azure may have them): otherwise a "missing variable" test could pass with the runner's value, or a
/// delivery test talk to a real tenant.
/// </summary>
[Collection(nameof(ProcessEnvironment))]
public class InheritedAzureVariablesTests
{
    [Fact]
    public async Task An_AZURE_variable_of_the_test_process_does_not_reach_the_sidecar()
    {
        await using AzureCloudSetup setup = await AzureCloudSetup.StartAsync();
        setup.PutSecret(AzureCanary.New("INHERITED"));
        string config = setup.WriteConfig();
        string? saved = Environment.GetEnvironmentVariable("AZURE_CLIENT_ID");
        Environment.SetEnvironmentVariable("AZURE_CLIENT_ID", setup.Cloud.Options.Entra.ClientId);
        try
        {
            (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(30), environment: setup.WorkloadIdentityEnvironment(without: "AZURE_CLIENT_ID"));

            // With the runner's value inherited, check would succeed (exit 0) against the emulators.
            Assert.True(exitCode == 2, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
            Assert.Contains("AZURE_CLIENT_ID", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AZURE_CLIENT_ID", saved);
        }
    }
}
