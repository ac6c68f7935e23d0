namespace SecretBroker.Sidecar.Tests.Configuration;

public class RefreshIsABoundedDurationTests
{
    private const string TwoSecrets = """
        backends:
          local: { type: file, path: ./secrets }
        secrets:
          - name: a
            backend: local
            id: a
          - name: b
            refresh: {0}
            backend: local
            id: b
        outputs:
          files: { dir: /dev/shm/x }
        """;

    [Fact]
    public void A_refresh_that_is_not_a_duration_names_the_key_and_line()
    {
        string errors = ConfigFixture.Errors(TwoSecrets.Replace("{0}", "5x", StringComparison.Ordinal));

        Assert.Contains("secretbroker.yaml:8: secrets[1].refresh: '5x' is not a duration (use 30s, 5m, 1h, or an ISO-8601 duration)", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99ms", "shorter than the minimum of 100ms")]
    [InlineData("25h", "longer than the maximum of 24h")]
    [InlineData("P2D", "longer than the maximum of 24h")]
    public void A_refresh_out_of_bounds_is_rejected(string refresh, string problem)
    {
        string errors = ConfigFixture.Errors(TwoSecrets.Replace("{0}", refresh, StringComparison.Ordinal));

        Assert.Contains(":8: secrets[1].refresh: '" + refresh + "' is " + problem, errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100ms")]
    [InlineData("24h")]
    public void The_bounds_themselves_are_accepted(string refresh) =>
        Assert.Equal(2, ConfigFixture.Load(TwoSecrets.Replace("{0}", refresh, StringComparison.Ordinal)).Secrets.Count);
}
