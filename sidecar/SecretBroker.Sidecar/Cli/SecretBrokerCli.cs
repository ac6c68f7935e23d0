using System.CommandLine;
using System.CommandLine.Parsing;

namespace SecretBroker.Sidecar.Cli;

/// <summary>Entry point of the <c>secretbroker</c> command line: <c>run</c>, <c>check</c>, <c>get</c>, <c>probe</c>, <c>convert</c>, <c>version</c>.</summary>
internal static class SecretBrokerCli
{
    public const string ConfigEnvironmentVariable = "SECRETBROKER_CONFIG";
    public const string LogLevelEnvironmentVariable = "SECRETBROKER_LOG_LEVEL";

    /// <summary>Runs the command line of the real process.</summary>
    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliContext.FromProcess(), CancellationToken.None);

    /// <summary>Runs the command line against <paramref name="context"/>; cancelling <paramref name="cancellationToken"/> stops <c>run</c> as SIGTERM would.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ParseResult parsed = BuildRootCommand(context).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine would exit 1; the contract says usage errors exit 2.
            foreach (ParseError error in parsed.Errors)
            {
                await context.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync(CliMessages.UsageHint).ConfigureAwait(false);
            return ExitCodes.BadConfigOrUsage;
        }

        InvocationConfiguration invocation = new()
        {
            Output = context.Output,
            Error = context.Error,

            // The host's console lifetime turns SIGTERM/SIGINT into a graceful stop; a second handler here would
            // race it and could exit before the stop completes.
            ProcessTerminationTimeout = null,
        };
        return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    internal static RootCommand BuildRootCommand(CliContext context)
    {
        RootCommand root = new(CliMessages.RootDescription);
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(GetCommand.Create(context));
        root.Subcommands.Add(ProbeCommand.Create(context));
        root.Subcommands.Add(ConvertCommand.Create(context));
        root.Subcommands.Add(VersionCommand.Create(context));
        return root;
    }

    /// <summary>The <c>--config FILE</c> option <c>run</c> and <c>check</c> share.</summary>
    internal static Option<string?> CreateConfigOption() => new("--config")
    {
        Description = CliMessages.ConfigDescription,
        HelpName = "FILE",
    };

    /// <summary>The config path from <c>--config</c>, else <c>SECRETBROKER_CONFIG</c>; <see langword="null"/> (after printing why) when neither is set.</summary>
    internal static string? ResolveConfigPath(ParseResult parsed, Option<string?> option, CliContext context, string command)
    {
        string? path = parsed.GetValue(option);
        if (string.IsNullOrWhiteSpace(path))
        {
            path = context.GetEnvironmentVariable(ConfigEnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            context.Error.WriteLine(CliMessages.MissingConfig(command));
            return null;
        }

        return path;
    }
}
