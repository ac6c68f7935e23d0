using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.Vault;

/// <summary>
/// vault-k8s#210: a crash-looping pod minted thousands of tokens overnight. The sidecar keeps its login rate limit on the
/// pod's tmpfs volume (<c>..vault-logins-vault</c>), so a sidecar killed and restarted 20 times within a minute mints
/// only the bucket's burst of 3 plus one per 20 s — counted by the Vault emulator.
/// </summary>
public class VaultCrashLoopTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Twenty_restarts_in_a_minute_mint_only_the_rate_limited_number_of_tokens()
    {
        await using VaultCloudSetup setup = await VaultCloudSetup.StartAsync();
        setup.PutToken(VaultCanary.New("KV"));
        string config = setup.WriteConfig(TimeSpan.FromSeconds(1));

        DateTime started = DateTime.UtcNow;
        string allOutput = string.Empty;
        for (int restart = 0; restart < 20; restart++)
        {
            long before = setup.VaultRequests("VaultLogin");
            await using SidecarProcess sidecar = SidecarProcess.Start(["run", "--config", config]);

            // Killed as a crash would: after it logged in, or once it has waited on the bucket for a moment.
            try
            {
                await Eventually.HoldsAsync(() => setup.VaultRequests("VaultLogin") > before, TimeSpan.FromSeconds(2), "a login");
            }
            catch (TimeoutException)
            {
                // The bucket held the login back: the point of the test.
            }

            sidecar.KillHard();
            await sidecar.WaitForExitAsync(TimeSpan.FromSeconds(10));
            allOutput += sidecar.StandardOutput + "\n" + sidecar.StandardError + "\n";
        }

        TimeSpan elapsed = DateTime.UtcNow - started;
        int tokens = setup.Cloud.Vault.Tokens().Count;
        int allowed = 3 + (int)Math.Ceiling(elapsed.TotalSeconds / 20);
        output.WriteLine($"20 restarts in {elapsed.TotalSeconds:0} s minted {tokens} tokens (bucket allows {allowed}); login requests {setup.VaultRequests("VaultLogin")}");
        Assert.True(elapsed < TimeSpan.FromSeconds(120), $"the loop took {elapsed.TotalSeconds:0} s");
        Assert.InRange(tokens, 1, allowed);
        Assert.Contains("\"EventId\":", allOutput, StringComparison.Ordinal);
        setup.AssertNoLeak(allOutput);
    }
}
