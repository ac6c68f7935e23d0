using SecretBroker.Backends;

namespace SecretBroker.Core.Tests.Settings;

/// <summary>
/// A backend type defined entirely in the test assembly: what a new backend package writes (options, one setting map,
/// one validator, a factory). The reader tests prove it plugs in with one catalog line and nothing else.
/// </summary>
internal sealed class ExampleBackendType : SecretBackendType<ExampleBackendOptions>
{
    public static ExampleBackendType Instance { get; } = new();

    public override string TypeName => "example";

    public override SecretBackendSettingMap<ExampleBackendOptions> Settings { get; } = new SecretBackendSettingMap<ExampleBackendOptions>()
        .Url("address", (options, url) => options.Address = url)
        .Duration("timeout", (options, timeout) => options.Timeout = timeout)
        .Boolean("verbose", (options, verbose) => options.Verbose = verbose)
        .Choice<int>("level", [new("low", 1), new("high", 2)], (options, level) => options.Level = level)
        .Path("caFile", (options, path) => options.CaFile = path);

    public override SecretBackendOptionsValidator<ExampleBackendOptions> Validator { get; } = new ExampleBackendOptionsValidator();

    /// <summary>The example store cannot hold an id with a <c>!</c> (a per-secret rule, as Key Vault's names).</summary>
    public override IEnumerable<SecretBackendSettingProblem> SecretProblems(SecretDefinition secret) =>
        secret.Id.Contains('!', StringComparison.Ordinal) ? [new SecretBackendSettingProblem("id", $"'{secret.Id}' has a '!', which the example store refuses")] : [];

    /// <summary>The context of the last backend built by this instance (a test makes its own instance to read it).</summary>
    public SecretBackendContext? LastContext { get; private set; }

    public override ISecretBackend Create(ExampleBackendOptions options, SecretBackendContext context)
    {
        LastContext = context;
        return options.Address!.Host == "refused.example" ? throw new SecretBackendSetupException("the example host refuses") : new Fakes.FakeSecretBackend(context.Time);
    }
}

internal sealed class ExampleBackendOptions
{
    public Uri? Address { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool Verbose { get; set; }

    public int Level { get; set; } = 1;

    public string? CaFile { get; set; }
}

internal sealed class ExampleBackendOptionsValidator : SecretBackendOptionsValidator<ExampleBackendOptions>
{
    public override IEnumerable<SecretBackendSettingProblem> Problems(ExampleBackendOptions options)
    {
        if (options.Address is null)
        {
            yield return new SecretBackendSettingProblem("address", "is required");
        }

        if (options.Timeout > TimeSpan.FromMinutes(1))
        {
            yield return new SecretBackendSettingProblem("timeout", "is longer than 1m");
        }
    }
}
