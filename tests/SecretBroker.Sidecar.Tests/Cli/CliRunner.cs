using SecretBroker.Sidecar.Cli;
using SecretBroker.Sidecar.Hosting;

namespace SecretBroker.Sidecar.Tests.Cli;

/// <summary>Runs the real command line in-process with captured stdout/stderr and a controlled environment.</summary>
internal sealed class CliRunner
{
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public SidecarHostOptions? HostOptions { get; init; }

    public async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using StringWriter output = new();
        using StringWriter error = new();
        CliContext context = new(output, error, name => Environment.GetValueOrDefault(name), HostOptions);
        int exitCode = await SecretBrokerCli.RunAsync(args, context, cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);
}

internal sealed record CliResult(int ExitCode, string Output, string Error);
