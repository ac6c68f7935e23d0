using System.CommandLine;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Cli;

/// <summary>The config a command was pointed at (<c>--config</c> or <c>SECRETBROKER_CONFIG</c>), loaded and validated.</summary>
internal static class SettingsArgument
{
    /// <summary>
    /// Returns the validated settings, or <see langword="null"/> after writing the problem (a missing path, or every
    /// config error with its key and line) to stderr; the caller then exits with <see cref="ExitCodes.BadConfigOrUsage"/>.
    /// </summary>
    public static async Task<SidecarSettings?> LoadAsync(ParseResult parsed, Option<string?> configOption, CliContext context, string command)
    {
        if (SecretBrokerCli.ResolveConfigPath(parsed, configOption, context, command) is not { } path)
        {
            return null;
        }

        try
        {
            return SidecarSettingsLoader.Load(path);
        }
        catch (ConfigurationException e)
        {
            await context.Error.WriteLineAsync(CliMessages.InvalidConfig(command, e.Message)).ConfigureAwait(false);
            return null;
        }
    }
}
