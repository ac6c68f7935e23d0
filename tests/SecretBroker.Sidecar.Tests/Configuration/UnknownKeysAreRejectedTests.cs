namespace SecretBroker.Sidecar.Tests.Configuration;

public class UnknownKeysAreRejectedTests
{
    [Theory]
    [InlineData("secrets:", "secrets:\n  - refersh: 5m", "secrets[0].refersh")]
    [InlineData("outputs:", "outputs:\n  file: { dir: /x }", "outputs.file")]
    [InlineData("    dir:", "    fielMode: \"0440\"\n    dir:", "outputs.files.fielMode")]
    [InlineData("backends:", "secret:\n  - name: x\nbackends:", "secret")]
    [InlineData("    path:", "    pth: ./x\n    path:", "backends.local.pth")]
    public void A_misspelt_key_is_an_error_naming_the_key(string anchor, string replacement, string path)
    {
        string config = ConfigFixture.Valid.Replace(anchor, replacement, StringComparison.Ordinal);

        string errors = ConfigFixture.Errors(config);

        Assert.Contains(path + ": unknown key", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_lists_the_keys_that_are_allowed_there()
    {
        string errors = ConfigFixture.Errors(ConfigFixture.Valid + "\n    requireTmpFS: false");

        Assert.Contains(":12: outputs.files.requireTmpFS: unknown key (expected one of: dir, fileMode, dirMode, group, requireTmpfs, allowSharedDir)", errors, StringComparison.Ordinal);
    }
}
