using SecretBroker.Emulators.Azure.KeyVault;
using SecretBroker.Emulators.Faults;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Azure;

/// <summary>
/// Over Entra workload identity and Key Vault, at the most verbose log level: no secret value, no projected token and
/// no Entra access token appears in the stdout or stderr of <c>check</c> and <c>run</c>, nor in any file written outside
/// the delivery directory — through a first load, a new version, a projected-token rotation, a vault outage and a
/// disabled secret (the error paths).
/// </summary>
public class AzureCanaryTests
{
    [Fact]
    public async Task No_value_or_token_appears_in_any_log_or_in_a_file_outside_the_delivery_directory()
    {
        DateTime started = DateTime.UtcNow;
        await using AzureCloudSetup setup = await AzureCloudSetup.StartAsync();
        using TempDirectory sandbox = TempDirectory.OnDisk(); // cwd, HOME and TMPDIR of the process: a persistent disk
        string first = AzureCanary.New("FIRST");
        string rotated = AzureCanary.New("ROTATED");
        setup.PutSecret(first, AzureCloudSetup.NameOf(0));
        setup.PutSecret(AzureCanary.New("DISABLED"), AzureCloudSetup.NameOf(1));
        setup.Cloud.Azure.Vault.Update(AzureCloudSetup.NameOf(1), version: null, new VaultSecretAttributes { Enabled = false });
        string config = setup.WriteConfig(refresh: TimeSpan.FromMilliseconds(500), socket: true, http: true, count: 2);
        File.WriteAllText(config, File.ReadAllText(config).Replace($"    id: {AzureCloudSetup.NameOf(1)}", $"    id: {AzureCloudSetup.NameOf(1)}\n    required: false", StringComparison.Ordinal));
        Dictionary<string, string> environment = new(setup.WorkloadIdentityEnvironment())
        {
            ["HOME"] = sandbox.Path,
            ["TMPDIR"] = sandbox.Path,
            ["SECRETBROKER_LOG_LEVEL"] = "Trace", // the most verbose logging must still hold no value or token
        };

        (int checkExit, string checkOut, string checkErr) = await SidecarProcess.RunToEndAsync(["check", "--config", config], TimeSpan.FromSeconds(60), sandbox.Path, environment);
        Assert.True(checkExit == 1, $"check must report the disabled secret (exit {checkExit})\n{checkOut}\n{checkErr}");

        string runOutput;
        await using (SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config], sandbox.Path, environment))
        {
            await Eventually.HoldsAsync(() => setup.ReadOutput() == first, TimeSpan.FromSeconds(30), $"the canary delivered.\n{sidecar.StandardOutput}");
            setup.RotateProjectedToken();
            setup.Cloud.Faults.Set("GetSecret", new Fault { Kind = FaultKind.InternalServiceError, Count = 3 });
            setup.PutSecret(rotated, AzureCloudSetup.NameOf(0));
            await Eventually.HoldsAsync(() => setup.ReadOutput() == rotated, TimeSpan.FromSeconds(30), $"the new version delivered after the faults.\n{sidecar.StandardOutput}");
            Assert.True(setup.KeyVaultRequests("fault:InternalServiceError") >= 1, "the error path was not exercised");
            sidecar.Signal(Posix.SigTerm);
            Assert.Equal(0, await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(15)));
            runOutput = sidecar.StandardOutput + "\n" + sidecar.StandardError;
        }

        Assert.False(string.IsNullOrWhiteSpace(runOutput), "run printed nothing: the scan would be meaningless");
        Assert.Contains("\"EventId\":1003", runOutput, StringComparison.Ordinal); // the failures were logged, without values
        AzureCanary.AssertNoLeak(string.Join('\n', checkOut, checkErr, runOutput), setup);

        // Files: the delivery directory holds the values, the emulators' state the projected token; nothing else may.
        List<(string File, string What)> leaks = [.. AzureCanary.FilesContaining(AzureCanary.Needles(setup), [sandbox.Path, Path.GetTempPath(), "/tmp", "/dev/shm"], started)
            .Where(f => !f.File.StartsWith(setup.OutputDirectory, StringComparison.Ordinal) && !f.File.StartsWith(setup.Cloud.Options.StateDirectory, StringComparison.Ordinal))];
        Assert.True(leaks.Count == 0, "found outside the delivery directory: " + string.Join("; ", leaks.Select(l => $"{l.What} in {l.File}")));
    }
}
