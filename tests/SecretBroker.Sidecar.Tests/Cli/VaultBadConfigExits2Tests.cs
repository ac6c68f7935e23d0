namespace SecretBroker.Sidecar.Tests.Cli;

/// <summary>
/// Issue 13's bad input through the real CLI: a Vault config the backend refuses stops <c>run</c> and <c>check</c> with
/// exit 2, naming the file, the line and the key, before anything is written or any request is made.
/// </summary>
public class VaultBadConfigExits2Tests
{
    private const string Valid = """
        backends:
          vault:
            type: vault
            address: https://vault.example:8200
            auth:
              method: kubernetes
              role: app
              tokenFile: /var/run/secrets/vault/token
        secrets:
          - name: db
            backend: vault
            id: secret/data/app/db
        outputs:
          files:
            dir: OUTPUT
        """;

    [Theory]
    [InlineData("run", "address: https://vault.example:8200", "address: http://vault.example:8200", ":4: backends.vault.address")]
    [InlineData("check", "address: https://vault.example:8200", "address: http://vault.example:8200", ":4: backends.vault.address")]
    [InlineData("run", "method: kubernetes", "method: approle", ":6: backends.vault.auth.method")]
    [InlineData("run", "      role: app\n", "", "backends.vault.auth.role")]
    [InlineData("check", "id: secret/data/app/db", "id: secret/data/../db", ":12: secrets[0].id")]
    public async Task A_config_the_vault_backend_refuses_exits_2_naming_line_and_key_and_writes_nothing(string command, string from, string to, string named)
    {
        using TempDirectory dir = new(onTmpfs: true);
        string output = Path.Combine(dir.Path, "out");
        string valid = Valid.Replace("OUTPUT", output, StringComparison.Ordinal);
        Assert.Contains(from, valid, StringComparison.Ordinal);
        string config = dir.Write("secretbroker.yaml", valid.Replace(from, to, StringComparison.Ordinal));

        CliResult result = await new CliRunner().RunAsync(command, "--config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
        Assert.Contains(config + ":", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.False(Directory.Exists(output));
    }
}
