using Microsoft.Extensions.Configuration;
using SecretBroker.Configuration.Tests.Direct.Fakes;

namespace SecretBroker.Configuration.Tests.Direct;

public sealed class BadValueTests : IDisposable
{
    private const string Canary = "CANARY-not-json-7f3e9b";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sb-direct-");

    public BadValueTests() => File.WriteAllText(Path.Combine(_directory.FullName, "db"), Canary + " {\"password\": 1");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void A_key_asked_of_a_value_that_is_not_json_fails_naming_the_secret_never_quoting_the_value()
    {
        var broker = new DirectBroker();

        var error = Assert.Throws<SecretBrokerConfigurationException>(() => new ConfigurationBuilder().AddSecretBroker(b =>
        {
            broker.Wire(b);
            b.AddFileBackend("local", _directory.FullName).AddSecret("db--password", "local", "db", key: "password");
        }).Build());

        string problem = Assert.Single(error.Errors);
        Assert.StartsWith("secret 'db--password' (backend 'local'):", problem, StringComparison.Ordinal);
        Assert.Contains("not a JSON object", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(broker.Logs.Messages);
        Assert.All(broker.Logs.Messages, m => Assert.DoesNotContain(Canary, m, StringComparison.Ordinal));
    }

    [Fact]
    public void When_optional_the_reported_error_and_every_log_line_name_the_secret_never_the_value()
    {
        var broker = new DirectBroker();

        using var root = (ConfigurationRoot)new ConfigurationBuilder().AddSecretBroker(b =>
        {
            broker.Wire(b);
            b.Optional = true;
            b.AddFileBackend("local", _directory.FullName).AddSecret("db--password", "local", "db", key: "password");
        }).Build();

        SecretBrokerRefreshError reported = Assert.Single(broker.Errors);
        Assert.Equal("db--password", reported.Secret);
        Assert.DoesNotContain(Canary, reported.Exception.ToString(), StringComparison.Ordinal);
        Assert.Contains(broker.Logs.Messages, m => m.Contains("db--password", StringComparison.Ordinal));
        Assert.All(broker.Logs.Messages, m => Assert.DoesNotContain(Canary, m, StringComparison.Ordinal));
        Assert.Null(root["db:password"]);
    }
}
