using System.CommandLine;
using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Cli;

/// <summary><c>secretbroker version</c>: the version and the commit it was built from.</summary>
internal static class VersionCommand
{
    public static Command Create(CliContext context)
    {
        Command command = new("version", CliMessages.VersionDescription);
        command.SetAction(_ =>
        {
            context.Output.WriteLine(CliMessages.VersionLine(SidecarVersion.Informational));
            context.Output.WriteLine(CliMessages.CommitLine(SidecarVersion.Commit));
            return ExitCodes.Success;
        });
        return command;
    }
}
