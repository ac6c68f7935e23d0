using System.Text;
using SecretBroker.Backends;

namespace SecretBroker.Sidecar.Tests.Outputs;

/// <summary>
/// A backend whose values come with a non-renewable lease (as a Hub access token does); it can be made to refuse, so a
/// test can let a lease run out. Every id gets <see cref="Value"/>.
/// </summary>
internal sealed class LeasedTestBackend(TimeSpan lifetime) : ISecretBackend
{
    private volatile bool _refusing;

    public string Value { get; set; } = "hf_LeasedTokenNeverServedExpired01";

    public string Version { get; set; } = "v1";

    public bool Refusing
    {
        get => _refusing;
        set => _refusing = value;
    }

    public SecretBackendCapabilities Capabilities => SecretBackendCapabilities.Simple;

    public ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        byte[] value = Encoding.UTF8.GetBytes(Value);
        var lease = new SecretLease("lease-" + Version, lifetime, Renewable: false);
        return ValueTask.FromResult<IReadOnlyList<SecretFetchResult>>([.. secrets.Select(s => _refusing
            ? SecretFetchResult.Failure(s.Name, new SecretBackendException(SecretErrorKind.Permanent, "refused by the test"))
            : SecretFetchResult.Success(s.Name, value, Version, lease))]);
    }

    public ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
