using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Azure;

/// <summary>
/// Workload identity fails closed: a missing variable or token file stops <c>run</c> and <c>check</c> with exit 2
/// naming it, before anything starts or Entra is asked; an assertion Entra refuses (wrong audience, wrong subject) is
/// reported with Entra's AADSTS code, never with a token.
/// </summary>
public class WorkloadIdentityFailClosedTests
{
    [Theory]
    [InlineData("run", "AZURE_CLIENT_ID")]
    [InlineData("check", "AZURE_CLIENT_ID")]
    [InlineData("run", "AZURE_TENANT_ID")]
    [InlineData("check", "AZURE_TENANT_ID")]
    [InlineData("run", "AZURE_FEDERATED_TOKEN_FILE")]
    [InlineData("check", "AZURE_FEDERATED_TOKEN_FILE")]
    public async Task A_missing_workload_identity_variable_fails_closed_with_exit_2_naming_it(string command, string variable)
    {
        await using AzureCloudSetup setup = await AzureCloudSetup.StartAsync();
        setup.PutSecret(AzureCanary.New("FAIL_CLOSED"));
        string config = setup.WriteConfig();

        (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync([command, "--config", config], TimeSpan.FromSeconds(30), environment: setup.WorkloadIdentityEnvironment(without: variable));

        AssertRefusedBeforeStart(setup, exitCode, stdout, stderr);
        Assert.Contains(variable, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    public async Task A_missing_token_file_fails_closed_with_exit_2_naming_the_file(string command)
    {
        await using AzureCloudSetup setup = await AzureCloudSetup.StartAsync();
        setup.PutSecret(AzureCanary.New("FAIL_CLOSED"));
        string config = setup.WriteConfig();
        string missing = Path.Combine(Path.GetTempPath(), "sb-e2e-no-such-dir-" + Guid.NewGuid().ToString("N"), "azure-identity-token");

        (int exitCode, string stdout, string stderr) = await SidecarProcess.RunToEndAsync([command, "--config", config], TimeSpan.FromSeconds(30), environment: setup.WorkloadIdentityEnvironment(tokenFile: missing));

        AssertRefusedBeforeStart(setup, exitCode, stdout, stderr);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// Entra refuses the assertion: its federated credential names another audience (AADSTS70021) or another subject
    /// (AADSTS700213). <c>check</c> exits 1 with the code in the secret's status; <c>run</c> never becomes ready and
    /// logs the code; neither prints a token nor a value.
    /// </summary>
    [Theory]
    [InlineData("audience", "AADSTS70021")]
    [InlineData("subject", "AADSTS700213")]
    public async Task An_assertion_entra_refuses_is_reported_with_the_AADSTS_code_and_no_token(string mismatch, string code)
    {
        await using AzureCloudSetup setup = await AzureCloudSetup.StartAsync(o =>
        {
            o.Entra.FederatedCredentials[o.Entra.ClientId] = mismatch == "audience"
                ? [new(null, o.AzureToken.Subject, "api://SomeOtherExchange")]
                : [new(null, "system:serviceaccount:other:not-the-broker")];
        });
        setup.PutSecret(AzureCanary.New("REFUSED"));
        string config = setup.WriteConfig(refresh: TimeSpan.FromSeconds(1));

        (int checkExit, string checkOut, string checkErr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(60), environment: setup.WorkloadIdentityEnvironment());
        Assert.True(checkExit == 1, $"check exit {checkExit}\nstdout:\n{checkOut}\nstderr:\n{checkErr}");
        Assert.Contains(code, checkOut + checkErr, StringComparison.Ordinal);

        await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], environment: setup.WorkloadIdentityEnvironment());
        await sidecar.WaitForLogAsync(code, TimeSpan.FromSeconds(30));
        Assert.False(File.Exists(setup.OutputFile), "nothing may be delivered with a refused identity");
        sidecar.Signal(Posix.SigTerm);
        await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15));

        Assert.Empty(setup.Cloud.Azure.TokenRequests.Issued());
        Assert.Contains(setup.Cloud.Azure.TokenRequests.All(), r => r.Outcome == code);
        Assert.Equal(0, setup.KeyVaultRequests("ok"));
        AzureCanary.AssertNoLeak(string.Join('\n', checkOut, checkErr, sidecar.StandardOutput, sidecar.StandardError), setup, expectTokens: false);
    }

    private static void AssertRefusedBeforeStart(AzureCloudSetup setup, int exitCode, string stdout, string stderr)
    {
        Assert.True(exitCode == 2, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("nothing was started", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(setup.OutputDirectory), "fail closed: the output directory must not be created");
        Assert.Empty(setup.Cloud.Azure.TokenRequests.All());
        Assert.Equal(0, setup.KeyVaultRequests());
        AzureCanary.AssertNoLeak(stdout + "\n" + stderr, setup, expectTokens: false);
    }
}
