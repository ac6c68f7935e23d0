using SecretBroker.Sidecar.Cli;

namespace SecretBroker.Sidecar.Tests.Cli;

public class CheckTableTests
{
    private static readonly SecretDefinition[] Secrets =
    [
        new("hf-token", "local", "hf-token", TimeSpan.FromMinutes(5)),
        new("model-store-key", "local", "model-store.json", TimeSpan.FromMinutes(5)),
        new("never-answered", "local", "x", TimeSpan.FromMinutes(5)),
    ];

    [Fact]
    public void The_table_has_name_backend_version_and_status_columns_in_config_order()
    {
        string table = CheckTable.Format(Secrets,
        [
            new("model-store-key", "local", false, null, false, "secret 'model-store.json' not found"),
            new("hf-token", "local", true, "sha256:1a2b", true, null),
        ]);

        Assert.Equal(
            "NAME             BACKEND  VERSION      STATUS\n" +
            "hf-token         local    sha256:1a2b  ok\n" +
            "model-store-key  local    -            error: secret 'model-store.json' not found\n" +
            "never-answered   local    -            error: not loaded\n",
            table);
    }

    [Fact]
    public void A_multi_line_error_stays_on_its_row()
    {
        string table = CheckTable.Format(Secrets[..1], [new("hf-token", "local", false, null, false, "first\nsecond")]);

        Assert.Equal(2, table.TrimEnd('\n').Split('\n').Length);
    }
}
