using SecretBroker.Backends;

namespace SecretBroker.Core.Tests.Fakes;

/// <summary>Builders that keep the tests about behaviour rather than setup.</summary>
public static class Engines
{
    public const string Backend = "fake";

    public static SecretDefinition Secret(string name, TimeSpan refresh, string backend = Backend, bool required = true) =>
        new(name, backend, name, refresh) { Required = required };

    public static SecretRefreshEngineOptions Options(Random? random = null) => new() { Random = random ?? new Random(1234) };

    public static SecretRefreshEngine Create(TestClock clock, FakeSecretBackend backend, IEnumerable<SecretDefinition> secrets, SecretRefreshEngineOptions? options = null) =>
        new(secrets, new Dictionary<string, ISecretBackend> { [Backend] = backend }, options ?? Options(), clock);

    public static SecretBackendException Transient(string message = "service unavailable", TimeSpan? retryAfter = null) =>
        new(SecretErrorKind.Transient, message, retryAfter: retryAfter);

    public static SecretBackendException Permanent(string message = "not found") => new(SecretErrorKind.Permanent, message);
}
