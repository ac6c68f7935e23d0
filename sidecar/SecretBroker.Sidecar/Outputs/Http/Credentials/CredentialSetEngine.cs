using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SecretBroker.Aws;
using SecretBroker.Backends;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Hosting;

namespace SecretBroker.Sidecar.Outputs.Http.Credentials;

/// <summary>
/// The <c>aws-assume-role</c> sets, kept by a refresh engine of their own (the same engine class as the secrets'): one
/// AssumeRole per set per session, shared by every request, refreshed ahead of expiry in the background. Its
/// generations never reach the files or the socket; only <see cref="CredentialSetCatalog"/> reads them. Its metrics
/// use a private meter (the secrets' engine owns the <c>/metrics</c> names).
/// </summary>
internal sealed class CredentialSetEngine : IHostedService, IAsyncDisposable
{
    private readonly SecretRefreshEngine? _engine;
    private readonly List<AssumeRoleCredentialBackend> _backends = [];
    private readonly ILogger _logger;
    private Task? _start;

    public CredentialSetEngine(SidecarSettings settings, SecretBackendSet sources, Func<string, string?> environment, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sources);
        _logger = loggerFactory.CreateLogger("SecretBroker.Sidecar.Credentials");
        AssumeRoleCredentialSetSettings[] sets = [.. settings.Credentials.OfType<AssumeRoleCredentialSetSettings>()];
        if (sets.Length == 0)
        {
            return;
        }

        var tags = SessionTags.From(environment);
        Dictionary<string, ISecretBackend> backends = new(StringComparer.Ordinal);
        foreach (AssumeRoleCredentialSetSettings set in sets)
        {
            // Validation guarantees an aws-secrets-manager backend; one STS client per set, for the engine's lifetime.
            var source = (AwsSecretsManagerBackend)sources.Backends[set.Backend];
            AssumeRoleCredentialBackend backend = new(set, source.CreateStsClient(), tags, time);
            _backends.Add(backend);
            backends[set.Name] = backend;
        }

        // The refresh interval is a ceiling: the lease (the session's lifetime) brings each refresh forward to 2/3 of it.
        _engine = new SecretRefreshEngine(
            sets.Select(static s => new SecretDefinition(s.Name, s.Name, s.RoleArn, s.Duration) { Required = false }),
            backends,
            options: null,
            time,
            loggerFactory,
            meterFactory: null);
    }

    /// <summary>The current sessions by set name (empty before the first AssumeRole answers, or without such sets).</summary>
    public SecretGeneration Current => _engine?.Current ?? SecretGeneration.Empty;



    public Task StartAsync(CancellationToken cancellationToken)
    {
        // In the background: the listener answers 503 (not loaded) until the first session arrives.
        _start = _engine is null ? Task.CompletedTask : Task.Run(() => StartEngineAsync(_engine), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync().ConfigureAwait(false);
        }

        // After the engine: no fetch runs any more.
        foreach (AssumeRoleCredentialBackend backend in _backends)
        {
            backend.Dispose();
        }
    }

    private async Task StartEngineAsync(SecretRefreshEngine engine)
    {
        try
        {
            foreach (SecretRefreshOutcome outcome in await engine.StartAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (!outcome.Succeeded)
                {
                    Log.SecretLoadFailed(_logger, outcome.Name, outcome.Backend, outcome.Error ?? "unknown error");
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Stopped before the first sessions arrived.
        }
    }
}
