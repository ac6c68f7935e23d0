using SecretBroker.Backends;
using SecretBroker.FileBackend;
using SecretBroker.Settings;

namespace SecretBroker;

/// <summary>Typed helpers over <see cref="ISecretBrokerBuilder"/>.</summary>
public static class SecretBrokerBuilderExtensions
{
    /// <summary>Adds a backend of <paramref name="type"/>, configured by <paramref name="configure"/>.</summary>
    /// <typeparam name="TOptions">The type's options class.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The backend's name (letters, digits, <c>-</c> and <c>_</c>).</param>
    /// <param name="type">The backend type.</param>
    /// <param name="configure">Sets the options.</param>
    public static ISecretBrokerBuilder AddBackend<TOptions>(this ISecretBrokerBuilder builder, string name, SecretBackendType<TOptions> type, Action<TOptions> configure)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(configure);
        TOptions options = new();
        configure(options);
        return builder.AddBackend(new ConfiguredBackend(name, type, options));
    }

    /// <summary>Adds a <c>file</c> backend reading <paramref name="path"/> (a directory with one file per secret, or one JSON object file).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The backend's name.</param>
    /// <param name="path">The directory or JSON file; relative paths are resolved against the current directory.</param>
    public static ISecretBrokerBuilder AddFileBackend(this ISecretBrokerBuilder builder, string name, string path) =>
        builder.AddBackend(name, FileSecretBackendType.Instance, options => options.Path = string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path));

    /// <summary>Declares a secret.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The secret's name: its configuration key (<c>--</c> read as <c>:</c>).</param>
    /// <param name="backend">The name of the backend holding it.</param>
    /// <param name="id">The backend's id for it (secret name or ARN, file name, path).</param>
    /// <param name="key">One top-level field of a JSON value to extract; <see langword="null"/>: the whole value.</param>
    /// <param name="version">The backend's version selector (AWS stage or version id, …); <see langword="null"/>: current.</param>
    /// <param name="refresh">The refresh interval (100 ms to 24 h); <see langword="null"/>: 5 minutes.</param>
    /// <param name="required">Whether the first load fails without it (default <see langword="true"/>).</param>
    public static ISecretBrokerBuilder AddSecret(
        this ISecretBrokerBuilder builder, string name, string backend, string id, string? key = null, string? version = null, TimeSpan? refresh = null, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSecret(new SecretDefinition(name, backend, id, refresh ?? SecretDefinitionRules.DefaultRefresh) { Key = key, Version = version, Required = required });
    }
}
