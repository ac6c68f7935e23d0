using SecretBroker.Injector.Cli;

namespace SecretBroker.Injector.Tests.Cli;

/// <summary>Usage and start-up problems exit 2 with a message in our words (never a runtime resource key).</summary>
public sealed class InjectorCliTests
{
    [Fact]
    public async Task Missing_options_are_a_usage_error()
    {
        (int exit, string error) = await RunAsync("serve");

        Assert.Equal(2, exit);
        Assert.Contains("Option '--sidecar-image' is required.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_certificate_exits_2_saying_so()
    {
        (int exit, string error) = await RunAsync("serve", "--cert", "/nonexistent/tls.crt", "--key", "/nonexistent/tls.key", "--sidecar-image", "x", "--listen", "127.0.0.1:0");

        Assert.Equal(2, exit);
        Assert.Contains("cannot load the certificate (/nonexistent/tls.crt, /nonexistent/tls.key): no such", error, StringComparison.Ordinal);
        Assert.DoesNotMatch("IO_[A-Za-z]+_", error);
    }

    [Theory]
    [InlineData("backends:\n  Bad_Name: { type: file }\n", "backends: 'Bad_Name' is not a backend name")]
    [InlineData("backends:\n  models: {}\nsecrets: []\n", "only 'backends:' belongs here")]
    [InlineData("[1, 2]\n", "expected one YAML document holding a 'backends:' map")]
    [InlineData("backends: [a]\n", "backends: expected a map of named backends")]
    [InlineData("backends: {\n", "not YAML")]
    [InlineData("backends: { models: { type: file } }\n", "backends: write one backend per line")]
    public async Task A_bad_backends_file_exits_2_naming_the_problem(string yaml, string expected)
    {
        string file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, yaml);
        try
        {
            (int exit, string error) = await RunAsync("serve", "--cert", "c", "--key", "k", "--sidecar-image", "x", "--backends", file);

            Assert.Equal(2, exit);
            Assert.Contains(expected, error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_missing_backends_file_exits_2_saying_so()
    {
        (int exit, string error) = await RunAsync("serve", "--cert", "c", "--key", "k", "--sidecar-image", "x", "--backends", "/nonexistent/backends.yaml");

        Assert.Equal(2, exit);
        Assert.Contains("--backends: /nonexistent/backends.yaml: no such", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://login.microsoftonline.com/")]
    [InlineData("login.microsoftonline.com")]
    [InlineData("https://login.microsoftonline.com/?x=1")]
    public async Task An_azure_authority_that_is_not_an_https_url_exits_2(string authority)
    {
        (int exit, string error) = await RunAsync("serve", "--cert", "c", "--key", "k", "--sidecar-image", "x", "--azure-authority-host", authority);

        Assert.Equal(2, exit);
        Assert.Contains("--azure-authority-host: '" + authority + "' is not an https URL", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://vault.vault.svc:8200")]
    [InlineData("vault.vault.svc:8200")]
    [InlineData("https://vault.vault.svc:8200/?x=1")]
    public async Task A_vault_address_that_is_not_an_https_url_exits_2(string address)
    {
        (int exit, string error) = await RunAsync("serve", "--cert", "c", "--key", "k", "--sidecar-image", "x", "--vault-annotations", "--vault-address", address);

        Assert.Equal(2, exit);
        Assert.Contains("--vault-address: '" + address + "' is not an https URL", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vault_address_without_vault_annotations_exits_2()
    {
        (int exit, string error) = await RunAsync("serve", "--cert", "c", "--key", "k", "--sidecar-image", "x", "--vault-address", "https://vault.vault.svc:8200");

        Assert.Equal(2, exit);
        Assert.Contains("--vault-address: only used with --vault-annotations", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vault_annotations_with_an_https_address_get_past_the_options_to_the_certificate()
    {
        (int exit, string error) = await RunAsync(
            "serve", "--cert", "/nonexistent/tls.crt", "--key", "/nonexistent/tls.key", "--sidecar-image", "x", "--listen", "127.0.0.1:0", "--vault-annotations", "--vault-address", "https://vault.vault.svc:8200");

        Assert.Equal(2, exit);
        Assert.Contains("cannot load the certificate", error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        using StringWriter output = new();
        using StringWriter error = new();
        int exit = await InjectorCli.RunAsync(args, output, error);
        return (exit, error.ToString());
    }
}
