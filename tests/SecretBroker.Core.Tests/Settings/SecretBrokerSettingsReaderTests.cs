using SecretBroker.Settings;
using SecretBroker.Backends;
using SecretBroker.FileBackend;

namespace SecretBroker.Core.Tests.Settings;

/// <summary>
/// The one reader of <c>backends:</c> and <c>secrets:</c> that the sidecar's file and <c>AddSecretBroker</c> share: a
/// backend type plugs in through its setting map and validator alone, and every problem comes out at once with its key path.
/// </summary>
public sealed class SecretBrokerSettingsReaderTests
{
    private readonly Nodes _n = new();

    private static SecretBackendCatalog Catalog() => new SecretBackendCatalog().Add(ExampleBackendType.Instance).AddAbsent("vault", "reference SecretBroker.Vault");

    private static (SecretBrokerSettings? Settings, List<SettingsError> Errors) Read(SettingsNode backends, SettingsNode secrets, char separator = '.', string root = "")
    {
        List<SettingsError> errors = [];
        SecretBrokerSettings? settings = new SecretBrokerSettingsReader(Catalog(), "/etc/broker", separator).Read(backends, secrets, root, errors);
        return (settings, errors);
    }

    private SettingsSequence OneSecret(string backend = "ex") =>
        _n.List(_n.Map(("name", _n.Value("hf-token")), ("backend", _n.Value(backend)), ("id", _n.Value("prod/hf"))));

    [Fact]
    public void A_new_backend_type_binds_every_kind_of_setting_into_its_options()
    {
        (SecretBrokerSettings? settings, List<SettingsError> errors) = Read(
            _n.Map(("ex", _n.Map(
                ("type", _n.Value("example")),
                ("address", _n.Value("https://vault.example:8200")),
                ("timeout", _n.Value("1m")),
                ("verbose", _n.Value("true")),
                ("level", _n.Value("high")),
                ("caFile", _n.Value("certs/ca.pem"))))),
            OneSecret());

        Assert.Empty(errors);
        ConfiguredBackend backend = settings!.Backends["ex"];
        Assert.Same(ExampleBackendType.Instance, backend.Type);
        ExampleBackendOptions options = Assert.IsType<ExampleBackendOptions>(backend.Options);
        Assert.Equal(new Uri("https://vault.example:8200"), options.Address);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Timeout);
        Assert.True(options.Verbose);
        Assert.Equal(2, options.Level);
        Assert.Equal("/etc/broker/certs/ca.pem", options.CaFile);
        Assert.Equal(new SecretDefinition("hf-token", "ex", "prod/hf", SecretDefinitionRules.DefaultRefresh), Assert.Single(settings.Secrets).Definition);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_on_its_own_line_and_a_bad_value_is_not_reported_again_by_the_validator()
    {
        SettingsScalar badUrl = _n.Value("ftp://nope");
        SettingsScalar badTimeout = _n.Value("soon");
        SettingsScalar badLevel = _n.Value("medium");
        SettingsScalar unknown = _n.Value("x");
        (SecretBrokerSettings? settings, List<SettingsError> errors) = Read(
            _n.Map(("ex", _n.Map(("type", _n.Value("example")), ("address", badUrl), ("timeout", badTimeout), ("level", badLevel), ("colour", unknown)))),
            OneSecret());

        Assert.Null(settings);
        Assert.Equal(
            [
                new SettingsError(badUrl.Line, "backends.ex.address", "'ftp://nope' is not an absolute http(s) URL"),
                new SettingsError(badTimeout.Line, "backends.ex.timeout", "'soon' is not a duration (use 30s, 5m, 1h, or an ISO-8601 duration)"),
                new SettingsError(badLevel.Line, "backends.ex.level", "'medium' is not one of: low, high"),
                new SettingsError(unknown.Line, "backends.ex.colour", "unknown key for a 'example' backend (expected one of: type, address, timeout, verbose, level, caFile)"),
            ],
            errors.OrderBy(e => e.Line));
    }

    [Fact]
    public void A_validator_problem_points_at_the_key_when_written_and_at_the_backend_when_missing()
    {
        SettingsScalar timeout = _n.Value("2m");
        SettingsMapping body = _n.Map(("type", _n.Value("example")), ("timeout", timeout));
        SettingsMapping backends = _n.Map(("ex", body));

        (_, List<SettingsError> errors) = Read(backends, OneSecret());

        Assert.Contains(new SettingsError(timeout.Line, "backends.ex.timeout", "is longer than 1m"), errors);
        Assert.Contains(new SettingsError(body.Line, "backends.ex.address", "is required"), errors);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Unknown_absent_and_missing_types_are_told_apart()
    {
        (_, List<SettingsError> errors) = Read(
            _n.Map(
                ("a", _n.Map(("type", _n.Value("carrier-pigeon")))),
                ("b", _n.Map(("type", _n.Value("vault")), ("address", _n.Value("https://v")))),
                ("c", _n.Map(("path", _n.Value("/x"))))),
            _n.List(_n.Map(("name", _n.Value("s")), ("backend", _n.Value("a")), ("id", _n.Value("i")))));

        Assert.Contains(errors, e => e.Path == "backends.a.type" && e.Problem == "unknown backend type 'carrier-pigeon' (available: file, example)");
        Assert.Contains(errors, e => e.Path == "backends.b.type" && e.Problem == "backend type 'vault' is not registered (available: file, example); reference SecretBroker.Vault");
        Assert.Contains(errors, e => e.Path == "backends.c.type" && e.Problem == "is required");
        Assert.DoesNotContain(errors, e => e.Path == "backends.b.address");
    }

    [Fact]
    public void Secrets_are_checked_against_the_backends_and_the_refresh_bounds()
    {
        (_, List<SettingsError> errors) = Read(
            _n.Map(("files", _n.Map(("type", _n.Value("file")), ("path", _n.Value("/srv"))))),
            _n.List(
                _n.Map(("name", _n.Value("Bad Name")), ("backend", _n.Value("files")), ("id", _n.Value("a"))),
                _n.Map(("name", _n.Value("ok")), ("backend", _n.Value("nowhere")), ("id", _n.Value("b")), ("refresh", _n.Value("10ms"))),
                _n.Map(("name", _n.Value("ok")), ("backend", _n.Value("files")), ("refresh", _n.Value("25h"))),
                _n.Map(("name", _n.Value("x")), ("backend", _n.Value("files")), ("id", _n.Value("c")), ("required", _n.Value("maybe")), ("colour", _n.Value("red")))));

        string[] expected =
        [
            "secrets[0].name: 'Bad Name' is not a valid secret name",
            "secrets[1].backend: 'nowhere' does not name a backend (defined: files)",
            "secrets[1].refresh: '10ms' is shorter than the minimum of 100ms",
            "secrets[2].name: secret name 'ok' is already used on line",
            "secrets[2].id: is required",
            "secrets[2].refresh: '25h' is longer than the maximum of 24h",
            "secrets[3].required: 'maybe' is not a boolean (use true or false)",
            "secrets[3].colour: unknown key (expected one of: name, backend, id, key, version, refresh, required, allowUids, allowGids, profile, format)",
        ];
        foreach (string problem in expected)
        {
            Assert.True(errors.Any(e => e.ToString().StartsWith(problem, StringComparison.Ordinal)), $"'{problem}' not among: {string.Join(" | ", errors)}");
        }

        Assert.Equal(expected.Length, errors.Count);
    }

    [Fact]
    public void A_secret_its_backend_type_refuses_is_reported_at_the_key_and_other_types_secrets_are_not_asked()
    {
        SettingsScalar bad = _n.Value("a!b");
        (_, List<SettingsError> errors) = Read(
            _n.Map(
                ("ex", _n.Map(("type", _n.Value("example")), ("address", _n.Value("https://vault.example:8200")))),
                ("files", _n.Map(("type", _n.Value("file")), ("path", _n.Value("/srv"))))),
            _n.List(
                _n.Map(("name", _n.Value("a")), ("backend", _n.Value("ex")), ("id", bad)),
                _n.Map(("name", _n.Value("b")), ("backend", _n.Value("files")), ("id", _n.Value("c!d")))));

        SettingsError error = Assert.Single(errors);
        Assert.Equal(new SettingsError(bad.Line, "secrets[0].id", "'a!b' has a '!', which the example store refuses"), error);
    }

    [Fact]
    public void Secrets_added_in_code_are_checked_by_their_backend_type_too()
    {
        SecretDefinition[] secrets = [new("a", "ex", "a!b", TimeSpan.FromMinutes(1)), new("b", "ex", "fine", TimeSpan.FromMinutes(1)), new("c", "other", "c!d", TimeSpan.FromMinutes(1))];

        IReadOnlyList<SettingsError> errors = SecretDefinitionRules.BackendProblems(secrets, new Dictionary<string, SecretBackendType> { ["ex"] = ExampleBackendType.Instance });

        Assert.Equal(["secrets[0].id: 'a!b' has a '!', which the example store refuses"], errors.Select(static e => e.ToString()));
    }

    [Fact]
    public void A_configuration_section_without_lines_gets_colon_paths_under_its_root()
    {
        SettingsMapping backends = new(0, [new(new SettingsScalar(0, "ex"), new SettingsMapping(0, [new(new SettingsScalar(0, "type"), new SettingsScalar(0, "example"))]))]);
        SettingsSequence secrets = new(0, [new SettingsMapping(0, [new(new SettingsScalar(0, "name"), new SettingsScalar(0, "s")), new(new SettingsScalar(0, "backend"), new SettingsScalar(0, "ex"))])]);

        (_, List<SettingsError> errors) = Read(backends, secrets, ':', "SecretBroker");

        Assert.Equal(
            ["SecretBroker:backends:ex:address: is required", "SecretBroker:secrets:0:id: is required"],
            errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Equal(0, e.Line));
    }

    [Fact]
    public void Missing_sections_are_required()
    {
        List<SettingsError> errors = [];

        Assert.Null(new SecretBrokerSettingsReader(Catalog(), "/").Read(null, null, "SecretBroker", errors));

        Assert.Equal(["SecretBroker.backends: is required", "SecretBroker.secrets: is required"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_configured_backend_builds_through_its_type_and_a_refusal_is_a_setup_exception()
    {
        ConfiguredBackend refused = new("ex", ExampleBackendType.Instance, new ExampleBackendOptions { Address = new Uri("https://refused.example") });
        ConfiguredBackend files = new("files", FileSecretBackendType.Instance, new FileSecretBackendOptions { Path = "/srv" });

        Assert.Equal("the example host refuses", Assert.Throws<SecretBackendSetupException>(() => refused.Create()).Message);
        Assert.IsType<FileSecretBackend>(files.Create());
    }

    [Fact]
    public void A_configured_backend_is_built_on_the_hosts_clock_and_on_the_system_clock_by_default()
    {
        var type = new ExampleBackendType();
        ConfiguredBackend backend = new("ex", type, new ExampleBackendOptions { Address = new Uri("https://ok.example") });
        var clock = new SecretBroker.Testing.TestClock();

        backend.Create(time: clock);
        Assert.Same(clock, type.LastContext!.Time);
        Assert.Equal("ex", type.LastContext.Name);

        backend.Create();
        Assert.Same(TimeProvider.System, type.LastContext!.Time);
    }

    [Fact]
    public void A_validator_is_also_an_options_pattern_validator_naming_setting_keys()
    {
        Microsoft.Extensions.Options.ValidateOptionsResult result = new ExampleBackendOptionsValidator().Validate(null, new ExampleBackendOptions { Timeout = TimeSpan.FromHours(1) });

        Assert.True(result.Failed);
        Assert.Equal(["address: is required", "timeout: is longer than 1m"], result.Failures);
    }
}
