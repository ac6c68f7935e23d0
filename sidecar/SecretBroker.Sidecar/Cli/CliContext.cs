using SecretBroker.Sidecar.Hosting;

namespace SecretBroker.Sidecar.Cli;

/// <summary>What the CLI reads from and writes to, so tests can run it in-process.</summary>
/// <param name="Output">Where results go (stdout): the <c>check</c> table, the version; <c>run</c>'s logs go to the console.</param>
/// <param name="Error">Where usage and config errors go (stderr).</param>
/// <param name="GetEnvironmentVariable">Reads <c>SECRETBROKER_CONFIG</c> and <c>SECRETBROKER_LOG_LEVEL</c>.</param>
/// <param name="HostOptions">Overrides for the host <c>run</c> builds (tests: fake clock, collecting logger).</param>
internal sealed record CliContext(
    TextWriter Output,
    TextWriter Error,
    Func<string, string?> GetEnvironmentVariable,
    SidecarHostOptions? HostOptions = null)
{
    /// <summary>Where <c>get</c> writes a value's raw bytes (stdout; a <see cref="TextWriter"/> would re-encode them).</summary>
    public Func<Stream> OpenStandardOutput { get; init; } = Console.OpenStandardOutput;

    /// <summary>What <c>convert … -</c> reads (stdin).</summary>
    public Func<Stream> OpenStandardInput { get; init; } = Console.OpenStandardInput;

    /// <summary>The real process: console and environment.</summary>
    public static CliContext FromProcess() => new(Console.Out, Console.Error, Environment.GetEnvironmentVariable);
}
