using System.Text.RegularExpressions;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Azure;

/// <summary>
/// <c>secretbroker check</c> over workload identity: one line naming the identity used (client id, tenant, token
/// file, authority; never a token), then each secret's Key Vault version and status.
/// </summary>
public class KeyVaultCheckCommandTests
{
    [Fact]
    public async Task Check_prints_the_identity_line_and_each_secrets_version_and_status_and_exits_0()
    {
        await using AzureCloudSetup setup = await AzureCloudSetup.StartAsync();
        string first = setup.PutSecret(AzureCanary.New("CHECK_0"), AzureCloudSetup.NameOf(0));
        string second = setup.PutSecret(AzureCanary.New("CHECK_1"), AzureCloudSetup.NameOf(1));
        string config = setup.WriteConfig(count: 2);

        (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(60), environment: setup.WorkloadIdentityEnvironment());

        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        string[] lines = stdout.TrimEnd('\n').Split('\n');
        string identity = Assert.Single(lines, l => l.StartsWith("backend kv:", StringComparison.Ordinal));
        Assert.Contains("azure-key-vault", identity, StringComparison.Ordinal);
        Assert.Contains("workload-identity", identity, StringComparison.Ordinal);
        Assert.Contains("client " + setup.Cloud.Options.Entra.ClientId, identity, StringComparison.Ordinal);
        Assert.Contains("tenant " + setup.Cloud.Options.Entra.TenantId, identity, StringComparison.Ordinal);
        Assert.Contains(setup.Cloud.Azure.Token.Path, identity, StringComparison.Ordinal);
        Assert.Contains(setup.Cloud.EntraUrl.ToString().TrimEnd('/'), identity, StringComparison.Ordinal);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^NAME\s+BACKEND\s+VERSION\s+STATUS$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, $@"^{AzureCloudSetup.NameOf(0)}\s+kv\s+{first}\s+ok$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, $@"^{AzureCloudSetup.NameOf(1)}\s+kv\s+{second}\s+ok$"));
        Assert.Single(setup.Cloud.Azure.TokenRequests.Issued());
        AzureCanary.AssertNoLeak(stdout + "\n" + stderr, setup);
    }

    [Fact]
    public async Task Check_reports_a_disabled_secret_by_name_and_exits_1()
    {
        await using AzureCloudSetup setup = await AzureCloudSetup.StartAsync();
        string version = setup.PutSecret(AzureCanary.New("CHECK_OK"), AzureCloudSetup.NameOf(0));
        setup.PutSecret(AzureCanary.New("CHECK_DISABLED"), AzureCloudSetup.NameOf(1));
        setup.Cloud.Azure.Vault.Update(AzureCloudSetup.NameOf(1), version: null, new Emulators.Azure.KeyVault.VaultSecretAttributes { Enabled = false });
        string config = setup.WriteConfig(count: 2);

        (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(60), environment: setup.WorkloadIdentityEnvironment());

        Assert.True(exitCode == 1, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        string[] lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Contains(lines, l => Regex.IsMatch(l, $@"^{AzureCloudSetup.NameOf(0)}\s+kv\s+{version}\s+ok$"));
        string disabled = Assert.Single(lines, l => l.StartsWith(AzureCloudSetup.NameOf(1) + " ", StringComparison.Ordinal));
        Assert.Contains("disabled", disabled, StringComparison.OrdinalIgnoreCase);
        AzureCanary.AssertNoLeak(stdout + "\n" + stderr, setup);
    }
}
