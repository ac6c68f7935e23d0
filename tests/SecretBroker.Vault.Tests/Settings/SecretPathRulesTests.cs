using SecretBroker.Backends;

namespace SecretBroker.Vault.Tests.Settings;

/// <summary>The contract's path rules for a secret's <c>id</c> and <c>version</c>.</summary>
public sealed class SecretPathRulesTests
{
    private static List<SecretBackendSettingProblem> Problems(string id, string? version = null) =>
        [.. VaultBackendType.Instance.SecretProblems(new SecretDefinition("s", "vault", id, TimeSpan.FromMinutes(1)) { Version = version })];

    [Theory]
    [InlineData("secret/data/app/db")]
    [InlineData("kv/app/db")]
    [InlineData("database/creds/readonly")]
    [InlineData("team/kv/data/app")]
    public void Vault_api_paths_are_accepted(string id) => Assert.Empty(Problems(id));

    [Theory]
    [InlineData("/secret/data/app", "leading '/'")]
    [InlineData("secret/data/../db", "'..'")]
    [InlineData("secret/./db", "'..'")]
    [InlineData("secret//db", "empty segment")]
    [InlineData("secret/db/", "empty segment")]
    [InlineData("secret/data/db?version=2", "'?'")]
    [InlineData("secret/data/db#x", "'?'")]
    [InlineData("secret", "single segment")]
    public void A_bad_id_is_refused_naming_id(string id, string problem)
    {
        SecretBackendSettingProblem found = Assert.Single(Problems(id));
        Assert.Equal("id", found.Key);
        Assert.Contains(problem, found.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kv/app/db")]
    [InlineData("database/creds/readonly")]
    [InlineData("secret/data")]
    public void A_version_on_a_path_that_is_not_kv2_is_refused(string id)
    {
        SecretBackendSettingProblem found = Assert.Single(Problems(id, "3"));
        Assert.Equal("version", found.Key);
        Assert.Contains("only for KV v2", found.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("01")]
    [InlineData("latest")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void A_version_that_is_not_a_positive_integer_is_refused(string version)
    {
        SecretBackendSettingProblem found = Assert.Single(Problems("secret/data/app/db", version));
        Assert.Equal("version", found.Key);
        Assert.Contains("positive integer", found.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_positive_version_on_a_kv2_path_is_accepted() => Assert.Empty(Problems("secret/data/app/db", "3"));
}
