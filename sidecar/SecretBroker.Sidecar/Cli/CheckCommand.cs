using System.CommandLine;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Hosting;

namespace SecretBroker.Sidecar.Cli;

/// <summary>
/// <c>secretbroker check --config FILE</c>: validates the config, fetches every secret once through the same backends
/// and engine <c>run</c> uses, and prints NAME, BACKEND, VERSION, STATUS for each. Never a value.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        Option<string?> config = SecretBrokerCli.CreateConfigOption();
        Command command = new("check", CliMessages.CheckDescription) { Options = { config } };
        command.SetAction((parsed, cancellationToken) => ExecuteAsync(parsed, config, context, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parsed, Option<string?> configOption, CliContext context, CancellationToken cancellationToken)
    {
        if (await SettingsArgument.LoadAsync(parsed, configOption, context, "check").ConfigureAwait(false) is not { } settings)
        {
            return ExitCodes.BadConfigOrUsage;
        }

        IReadOnlyList<SecretRefreshOutcome> outcomes;
        try
        {
            using SecretBackendSet backends = SecretBackendSet.Create(settings);

            // No logger: the table is the output, and stdout must stay just the table.
            await using SecretRefreshEngine engine = new(settings.Secrets, backends.Backends, options: null, TimeProvider.System);
            outcomes = await engine.LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await context.Error.WriteLineAsync(CliMessages.Fatal("check", e.Message)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await context.Output.WriteAsync(CheckTable.Format(settings.Secrets, outcomes)).ConfigureAwait(false);
        return outcomes.Count == settings.Secrets.Count && outcomes.All(o => o.Succeeded) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
