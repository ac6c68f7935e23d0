using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SecretBroker.Backends;
using SecretBroker.Configuration.Internal;
using SecretBroker.Settings;

namespace SecretBroker.Configuration;

/// <summary>
/// Reads secrets straight from their backends (no sidecar) as configuration keys, with the same refresh engine the
/// sidecar runs: declared in code (<c>AddSecretBroker(b =&gt; …)</c>) and/or read from a configuration section in the
/// sidecar's <c>backends:</c>/<c>secrets:</c> schema (<c>AddSecretBroker(section)</c>). This object is the builder
/// <c>b</c>: backends and secrets are added to it, and it carries the provider's options.
/// </summary>
/// <remarks>
/// Everything is validated when the configuration is built: every problem is reported at once in one
/// <see cref="SecretBrokerConfigurationException"/>. The first load then blocks once, bounded by
/// <see cref="FirstLoadTimeout"/>; after it, refreshes run in the background and never throw into the host.
/// </remarks>
public sealed class SecretBrokerConfigurationSource : IConfigurationSource, ISecretBrokerBuilder
{
    private readonly List<ConfiguredBackend> _backends = [];
    private readonly List<SecretDefinition> _secrets = [];

    /// <summary>Creates an empty source; the <c>file</c> backend type is registered, cloud types say which package adds them.</summary>
    public SecretBrokerConfigurationSource()
    {
        AbsentBackendTypes.Describe(BackendTypes);
    }

    /// <inheritdoc/>
    public SecretBackendCatalog BackendTypes { get; } = new();

    /// <summary>A section every key goes under, e.g. <c>Secrets</c> → <c>Secrets:huggingface:token</c>. Default none.</summary>
    public string? Prefix { get; set; }

    /// <summary>
    /// When a value is a JSON object, expose its fields as a section (<c>db</c> holding <c>{"user":"app"}</c> →
    /// <c>db:user</c>) instead of one string. Default <see langword="false"/>.
    /// </summary>
    public bool FlattenJson { get; set; }

    /// <summary>
    /// Whether the first load may come back incomplete. When <see langword="false"/> (the default), a required secret
    /// that cannot be loaded within <see cref="FirstLoadTimeout"/> (or a backend that cannot be built) fails the
    /// configuration build; when <see langword="true"/> the failures are logged and reported, the provider loads what it
    /// can, and the engine keeps retrying the rest in the background. Invalid settings always throw.
    /// </summary>
    public bool Optional { get; set; }

    /// <summary>How long the first load may block the configuration build. Default 30 s; 1 s to 10 min.</summary>
    public TimeSpan FirstLoadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What relative paths in a configuration section (<c>file</c> backends' <c>path</c>) are resolved against.
    /// Default: the current directory when the configuration is built. (Code-first <c>AddFileBackend</c> resolves
    /// its path when called.)
    /// </summary>
    public string? BaseDirectory { get; set; }

    /// <summary>Engine tuning (retry backoff, jitter, lease renewal). Default: production defaults.</summary>
    public SecretRefreshEngineOptions RefreshOptions { get; set; } = new();

    /// <summary>
    /// Logs the provider's work: the engine's lines (EventIds 1000–1099: loads, changes, each failed attempt) and the
    /// provider's own (5100–5199: a secret failing and recovering, the first load, a throwing callback). Default none.
    /// Never a secret value.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Called for every failure the provider does not throw: a failed refresh of a secret (the last good value is kept
    /// and the engine retries with backoff), a required secret missing after an optional first load, a backend that
    /// could not be built when optional, a reload callback that threw. Default none.
    /// </summary>
    public Action<SecretBrokerRefreshError>? OnRefreshError { get; set; }

    /// <summary>The clock for refresh schedules, backoff and the first-load deadline (tests use a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The section read by <c>AddSecretBroker(section)</c>, if any.</summary>
    internal IConfigurationSection? Section { get; set; }

    /// <summary>Backends added in code, in order.</summary>
    internal IReadOnlyList<ConfiguredBackend> Backends => _backends;

    /// <summary>Secrets declared in code, in order.</summary>
    internal IReadOnlyList<SecretDefinition> Secrets => _secrets;

    /// <inheritdoc/>
    public ISecretBrokerBuilder AddBackend(ConfiguredBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        BackendTypes.Add(backend.Type);
        _backends.Add(backend);
        return this;
    }

    /// <inheritdoc/>
    public ISecretBrokerBuilder AddSecret(SecretDefinition secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        _secrets.Add(secret);
        return this;
    }

    /// <summary>
    /// Validates everything added (and the section, if any) and builds the backends and the provider. The first load
    /// happens in the provider's <see cref="SecretBrokerConfigurationProvider.Load"/>.
    /// </summary>
    /// <exception cref="SecretBrokerConfigurationException">
    /// The settings have problems (all are listed), or a backend cannot be built and the source is not optional.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="FirstLoadTimeout"/> is outside 1 s to 10 min.</exception>
    public IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FirstLoadTimeout, TimeSpan.FromSeconds(1), nameof(FirstLoadTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(FirstLoadTimeout, TimeSpan.FromMinutes(10), nameof(FirstLoadTimeout));
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(RefreshOptions);
        BrokerPlan plan = BrokerPlan.Resolve(this);
        return new SecretBrokerConfigurationProvider(this, plan);
    }
}
