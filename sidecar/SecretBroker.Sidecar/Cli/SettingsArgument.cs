using System.CommandLine;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Cli;

/// <summary>
/// The config a command was pointed at (<c>--config</c> or <c>SECRETBROKER_CONFIG</c>), loaded, validated and checked
/// against the environment: the one gate <c>run</c> and <c>check</c> both pass before anything starts.
/// </summary>
internal static class SettingsArgument
{
    /// <summary>
    /// Returns the settings when <c>run</c> could start with them, or <see langword="null"/> after writing every problem
    /// to stderr as <c>FILE:LINE: key: problem</c>; the caller then exits with <see cref="ExitCodes.BadConfigOrUsage"/>.
    /// First the config's own errors (all of them); when there are none, the environment's (<see cref="StartupPreflight"/>).
    /// </summary>
    public static async Task<SidecarSettings?> LoadAsync(ParseResult parsed, Option<string?> configOption, CliContext context, string command)
    {
        if (SecretBrokerCli.ResolveConfigPath(parsed, configOption, context, command) is not { } path)
        {
            return null;
        }

        SidecarSettings settings;
        try
        {
            settings = SidecarSettingsLoader.Load(path);
        }
        catch (ConfigurationException e)
        {
            await context.Error.WriteLineAsync(CliMessages.InvalidConfig(command, e.Message)).ConfigureAwait(false);
            return null;
        }

        IReadOnlyList<SettingsError> problems = StartupPreflight.Problems(settings);
        if (problems.Count > 0)
        {
            string details = string.Join('\n', problems.Select(p => p.Format(path)));
            await context.Error.WriteLineAsync(CliMessages.CannotStart(command, details)).ConfigureAwait(false);
            return null;
        }

        return settings;
    }
}
