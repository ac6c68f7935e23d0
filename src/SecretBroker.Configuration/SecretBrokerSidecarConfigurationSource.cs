using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SecretBroker.Configuration.Internal;

namespace SecretBroker.Configuration;

/// <summary>
/// Reads the secrets a <c>secretbroker</c> sidecar delivers — over its Unix socket, or from its tmpfs files — as
/// configuration keys, and reloads them when they rotate.
/// </summary>
/// <remarks>
/// Where it reads from, first match wins: <see cref="SocketPath"/>; <see cref="SecretsDirectory"/>; the
/// <c>SECRETBROKER_SOCKET</c> environment variable; <c>SECRETBROKER_SECRETS_DIR</c>; the default socket
/// <c>/var/run/secretbroker/broker.sock</c> if it exists; else the default directory <c>/var/run/secretbroker/secrets</c>.
/// </remarks>
public sealed class SecretBrokerSidecarConfigurationSource : IConfigurationSource
{
    /// <summary>The sidecar's socket when it is not installed at the default path.</summary>
    public const string DefaultSocketPath = "/var/run/secretbroker/broker.sock";

    /// <summary>The sidecar's files directory when it is not installed at the default path.</summary>
    public const string DefaultSecretsDirectory = "/var/run/secretbroker/secrets";

    /// <summary>Read over this Unix socket. Default: see the remarks.</summary>
    public string? SocketPath { get; set; }

    /// <summary>
    /// Socket mode: the uid the sidecar runs as. Every connection checks the serving process (<c>SO_PEERCRED</c>)
    /// against it and refuses another uid. Default: the <c>SECRETBROKER_SOCKET_UID</c> environment variable, else the
    /// socket file's owner — which is refused when the socket's directory is writable by other users (not sticky),
    /// since anyone could then replace the socket.
    /// </summary>
    public uint? SocketUid { get; set; }

    /// <summary>Read from this files directory (the sidecar's <c>outputs.files.dir</c>). Default: see the remarks.</summary>
    public string? SecretsDirectory { get; set; }

    /// <summary>A section every key goes under, e.g. <c>Secrets</c> → <c>Secrets:huggingface:token</c>. Default none.</summary>
    public string? Prefix { get; set; }

    /// <summary>
    /// When a value is a JSON object, expose its fields as a section (<c>db</c> holding <c>{"user":"app"}</c> →
    /// <c>db:user</c>) instead of one string. Default <see langword="false"/>.
    /// </summary>
    public bool FlattenJson { get; set; }

    /// <summary>
    /// Whether the first load may find no sidecar (then the provider starts empty and keeps trying). When
    /// <see langword="false"/> (the default) an unreachable sidecar fails the first load loudly.
    /// </summary>
    public bool Optional { get; set; }

    /// <summary>Files mode: how often the <c>..data</c> link is checked for a new generation. Default 1 s; at least 100 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Socket mode: how long one long poll waits for a change before asking again. Default 60 s; 1–300 s.</summary>
    public TimeSpan LongPollWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First retry delay after the sidecar could not be reached; doubles up to <see cref="RetryMax"/>. Default 1 s; at least 10 ms.</summary>
    public TimeSpan RetryInitial { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on the retry delay. Default 30 s; at least <see cref="RetryInitial"/>.</summary>
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Logs the provider's background failures (EventIds 5000–5004: a failed read as a warning, repeats at debug, the
    /// recovery, a throwing reload callback). Default none. Never a secret value.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Called for every background failure: a failed read of the sidecar (retried with backoff) or a reload callback
    /// that threw. The provider keeps its last good data either way and never throws into the host. Default none.
    /// </summary>
    public Action<SecretBrokerRefreshError>? OnRefreshError { get; set; }

    /// <summary>The clock for polling, waits, retries and the first-load deadline (tests use a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Environment lookup; tests substitute it.</summary>
    internal Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>Validates the settings and builds the provider.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its documented range.</exception>
    /// <exception cref="ArgumentException"><c>SECRETBROKER_SOCKET_UID</c> is set but is not a uid.</exception>
    public IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PollInterval, TimeSpan.FromMilliseconds(100), nameof(PollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(LongPollWait, TimeSpan.FromSeconds(1), nameof(LongPollWait));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(LongPollWait, TimeSpan.FromSeconds(300), nameof(LongPollWait));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryInitial, TimeSpan.FromMilliseconds(10), nameof(RetryInitial));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMax, RetryInitial, nameof(RetryMax));
        ArgumentNullException.ThrowIfNull(TimeProvider);
        return new SecretBrokerSidecarConfigurationProvider(this, SidecarLocation.Resolve(this), ResolveSocketUid());
    }

    private uint? ResolveSocketUid()
    {
        if (SocketUid is { } configured)
        {
            return configured;
        }

        string? fromEnvironment = GetEnvironmentVariable(SidecarSocket.UidVariable);
        if (string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return null;
        }

        return SidecarSocket.TryParseUid(fromEnvironment.Trim(), out uint uid)
            ? uid
            : throw new ArgumentException(SidecarSocket.InvalidUidMessage(fromEnvironment), nameof(SocketUid));
    }
}
