using SecretBroker.Backends;

namespace SecretBroker.Configuration.Internal;

/// <summary>
/// Wraps a backend to see each secret's failures with their reasons: the engine retries and logs them, but has no
/// callback, and <see cref="SecretBrokerConfigurationSource.OnRefreshError"/> needs one. Forwards every call unchanged.
/// </summary>
internal sealed class ReportingBackend(ISecretBackend inner, string name, RefreshDiagnostics diagnostics) : ISecretBackend
{
    public SecretBackendCapabilities Capabilities => inner.Capabilities;

    public async ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        IReadOnlyList<SecretFetchResult> results;
        try
        {
            results = await inner.FetchAsync(secrets, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!IsOwnCancellation(e, cancellationToken))
        {
            Failed(secrets, e);
            throw;
        }

        foreach (SecretFetchResult result in results)
        {
            if (!result.Succeeded)
            {
                diagnostics.SecretFailed(result.Name, name, result.Error);
            }
        }

        return results;
    }

    public async ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.ProbeAsync(secrets, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!IsOwnCancellation(e, cancellationToken))
        {
            Failed(secrets, e);
            throw;
        }
    }

    // A failed renewal is not a failure the app sees: the engine fetches the secret afresh.
    public ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken) =>
        inner.RenewAsync(secret, lease, cancellationToken);

    private static bool IsOwnCancellation(Exception e, CancellationToken cancellationToken) =>
        e is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private void Failed(IReadOnlyList<SecretDefinition> secrets, Exception e)
    {
        foreach (SecretDefinition secret in secrets)
        {
            diagnostics.SecretFailed(secret.Name, name, e);
        }
    }
}
