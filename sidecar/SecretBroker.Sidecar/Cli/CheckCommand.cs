using SecretBroker.Backends;
using System.CommandLine;

using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Hosting;

namespace SecretBroker.Sidecar.Cli;

/// <summary>
/// <c>secretbroker check --config FILE</c>: validates the config, reports every problem <c>run</c> would refuse to start
/// with (the same preflight, all at once, exit 2), fetches every secret once through the same backends
/// and engine <c>run</c> uses, and prints
/// a line per AWS backend naming the identity used (after the load: for IRSA the assumed-role ARN STS answered with,
/// for Pod Identity the account the agent reported), a line per verified Hugging Face token (its name and role from the
/// Hub's whoami-v2), then NAME, BACKEND, VERSION, STATUS for each; a value that does not fit its profile or format is an
/// error in STATUS. Never a value, a token or a key.
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
        Dictionary<string, SecretLease> leases = new(StringComparer.Ordinal);
        List<string> identities;
        Dictionary<string, string> deliveryProblems;
        List<string> deliveryLines;
        try
        {
            // check creates no file: it versions with a running sidecar's key if there is one, else a random one.
            using SecretBackendSet backends = SecretBackendSet.Create(settings, VersionKeyFile.ForCheck(settings.Outputs.Files));

            // No logger: the table is the output, and stdout must stay just the table.
            await using SecretRefreshEngine engine = new(settings.Secrets, backends.Backends, options: null, TimeProvider.System);
            outcomes = await engine.LoadAsync(cancellationToken).ConfigureAwait(false);
            foreach (SecretDefinition secret in settings.Secrets)
            {
                if (engine.LeaseOf(secret.Name) is { } lease)
                {
                    leases[secret.Name] = lease;
                }
            }

            // Described after the load: only the exchanges it made tell which identity was actually assumed.
            identities = [.. backends.Describe(settings)];

            // Profiles and formats: the loaded values must fit them; Hugging Face tokens are verified when asked.
            (deliveryProblems, deliveryLines) = await CheckDeliveries.CheckAsync(settings, engine.Current, cancellationToken).ConfigureAwait(false);
        }
        catch (BackendStartupException refused)
        {
            // Fail closed, as run does: a missing identity is the user's to fix in the config or pod spec.
            await context.Error.WriteLineAsync(CliMessages.BackendRefused("check", refused.Message)).ConfigureAwait(false);
            return ExitCodes.BadConfigOrUsage;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await context.Error.WriteLineAsync(CliMessages.Fatal("check", IoProblemText.Describe(e))).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        foreach (string identity in identities.Concat(deliveryLines))
        {
            await context.Output.WriteLineAsync(identity).ConfigureAwait(false);
        }

        await context.Output.WriteAsync(CheckTable.Format(settings.Secrets, outcomes, deliveryProblems, leases.GetValueOrDefault)).ConfigureAwait(false);
        return outcomes.Count == settings.Secrets.Count && outcomes.All(o => o.Succeeded) && deliveryProblems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
