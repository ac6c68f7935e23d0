using System.Text;
using SecretBroker.Backends;

namespace SecretBroker.Core.Tests.Fleet;

/// <summary>
/// One sidecar's Key Vault backend, as the Azure backend behaves in its default <c>get</c> mode: one secret per call
/// (batch size 1), a probe is one properties read, every call one transaction; a 429 becomes a transient error with
/// the Retry-After. Remembers when this sidecar first held all of its secrets.
/// </summary>
internal sealed class FleetVaultClient(FleetVault vault, int client, TimeProvider clock, int secretCount) : ISecretBackend
{
    private static readonly byte[] Value = Encoding.UTF8.GetBytes("fleet-value");

    private readonly HashSet<string> _loaded = new(StringComparer.Ordinal);

    public SecretBackendCapabilities Capabilities { get; } = new(1, SupportsProbe: true);

    /// <summary>When the last of the sidecar's secrets was first fetched; <see langword="null"/> until then.</summary>
    public DateTimeOffset? ConvergedAt { get; private set; }

    public ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        var results = new List<SecretFetchResult>(secrets.Count);
        foreach (SecretDefinition secret in secrets)
        {
            DateTimeOffset now = clock.GetUtcNow();
            Call(now);
            lock (_loaded)
            {
                if (_loaded.Add(secret.Id) && _loaded.Count == secretCount)
                {
                    ConvergedAt = now;
                }
            }

            results.Add(SecretFetchResult.Success(secret.Name, Value, "v1"));
        }

        return ValueTask.FromResult<IReadOnlyList<SecretFetchResult>>(results);
    }

    public ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        var results = new List<SecretVersionProbe>(secrets.Count);
        foreach (SecretDefinition secret in secrets)
        {
            Call(clock.GetUtcNow());
            results.Add(new SecretVersionProbe(secret.Name, "v1"));
        }

        return ValueTask.FromResult<IReadOnlyList<SecretVersionProbe>>(results);
    }

    public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private void Call(DateTimeOffset now)
    {
        if (vault.Request(client, now) is { } retryAfter)
        {
            throw new SecretBackendException(SecretErrorKind.Transient, "429 Throttled: the vault is over its limit.", retryAfter: retryAfter);
        }
    }
}
