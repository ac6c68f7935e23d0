using SecretBroker.Backends;

namespace SecretBroker.Vault.Tests.Settings;

/// <summary>Every bad input of the config contract's backend settings, named by the key users write.</summary>
public sealed class OptionsValidationTests
{
    private static VaultOptions Valid() => new()
    {
        Address = new Uri("https://vault.example:8200"),
        AuthMethod = VaultAuthMethod.Kubernetes,
        Role = "inference",
    };

    private static List<SecretBackendSettingProblem> Problems(Action<VaultOptions> change)
    {
        VaultOptions options = Valid();
        change(options);
        return [.. VaultBackendType.Instance.Validate(options)];
    }

    [Fact]
    public void Valid_options_have_no_problem() => Assert.Empty(Problems(_ => { }));

    [Theory]
    [InlineData("http://vault.example:8200", "must use https")]
    [InlineData("https://vault.example:8200/?x=1", "no query")]
    [InlineData("https://vault.example:8200/#f", "no query")]
    public void An_address_that_is_not_plain_https_is_refused(string address, string problem)
    {
        SecretBackendSettingProblem found = Assert.Single(Problems(o => o.Address = new Uri(address)));
        Assert.Equal("address", found.Key);
        Assert.Contains(problem, found.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8200")]
    [InlineData("http://127.5.0.1:8200")]
    [InlineData("http://[::1]:8200")]
    [InlineData("http://localhost:8200")]
    [InlineData("https://vault.example:8200/prefix/")]
    public void Plain_http_to_loopback_and_a_path_prefix_are_accepted(string address) =>
        Assert.Empty(Problems(o => o.Address = new Uri(address)));

    [Fact]
    public void The_address_the_method_and_the_role_are_required()
    {
        List<SecretBackendSettingProblem> problems = Problems(o =>
        {
            o.Address = null;
            o.AuthMethod = null;
            o.Role = " ";
        });

        Assert.Equal(["address", "auth.method", "auth.role"], problems.Select(p => p.Key));
        Assert.All(problems, p => Assert.Equal("is required", p.Problem));
    }

    [Fact]
    public void An_undefined_method_is_refused() =>
        Assert.Equal("auth.method", Assert.Single(Problems(o => o.AuthMethod = (VaultAuthMethod)7)).Key);

    [Theory]
    [InlineData("/kubernetes")]
    [InlineData("kubernetes/")]
    [InlineData("k8s//prod")]
    [InlineData("k8s/../prod")]
    [InlineData("..")]
    public void A_mount_with_slashes_at_its_ends_or_dot_segments_is_refused(string mount) =>
        Assert.Equal("auth.mount", Assert.Single(Problems(o => o.AuthMount = mount)).Key);

    [Fact]
    public void A_nested_mount_is_accepted() => Assert.Empty(Problems(o => o.AuthMount = "k8s/prod"));

    [Fact]
    public void Files_must_be_absolute_and_the_timeout_in_range()
    {
        List<SecretBackendSettingProblem> problems = Problems(o =>
        {
            o.TokenFile = "token";
            o.CaFile = "ca.pem";
            o.RequestTimeout = TimeSpan.FromMilliseconds(10);
        });

        Assert.Equal(["auth.tokenFile", "caFile", "requestTimeout"], problems.Select(p => p.Key));
    }

    [Fact]
    public void A_namespace_with_dot_segments_is_refused() =>
        Assert.Equal("namespace", Assert.Single(Problems(o => o.Namespace = "team/../other")).Key);

    [Fact]
    public void Building_fails_closed_naming_a_missing_ca_file_or_token_file()
    {
        string dir = Directory.CreateTempSubdirectory("sb-vault-opt-").FullName;
        try
        {
            string token = Path.Combine(dir, "token");
            File.WriteAllText(token, "jwt");
            VaultOptions missingCa = Valid();
            missingCa.TokenFile = token;
            missingCa.CaFile = Path.Combine(dir, "ca.pem");
            VaultOptions missingToken = Valid();
            missingToken.TokenFile = Path.Combine(dir, "absent");

            var ca = Assert.Throws<SecretBackendSetupException>(() => VaultBackendType.Instance.Create(missingCa, new SecretBackendContext { Name = "v" }));
            var jwt = Assert.Throws<SecretBackendSetupException>(() => VaultBackendType.Instance.Create(missingToken, new SecretBackendContext { Name = "v" }));

            Assert.Contains("caFile", ca.Message, StringComparison.Ordinal);
            Assert.Contains(missingCa.CaFile, ca.Message, StringComparison.Ordinal);
            Assert.Contains("auth.tokenFile", jwt.Message, StringComparison.Ordinal);
            Assert.Contains(missingToken.TokenFile, jwt.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_backend_built_in_code_with_plain_http_to_a_remote_host_fails_closed()
    {
        VaultOptions options = Valid();
        options.Address = new Uri("http://vault.example:8200");

        var e = Assert.Throws<SecretBackendSetupException>(() => new VaultBackend(options));

        Assert.Contains("address: must use https", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_token_file_and_mount_follow_the_method()
    {
        var kubernetes = new VaultOptions { AuthMethod = VaultAuthMethod.Kubernetes };
        var jwt = new VaultOptions { AuthMethod = VaultAuthMethod.Jwt };

        Assert.Equal(("kubernetes", VaultOptions.DefaultKubernetesTokenFile), (kubernetes.EffectiveMount, kubernetes.EffectiveTokenFile));
        Assert.Equal(("jwt", VaultOptions.DefaultJwtTokenFile), (jwt.EffectiveMount, jwt.EffectiveTokenFile));
    }
}
