using System.CommandLine;
using SecretBroker.Sidecar.Diagnostics;
using SecretBroker.Sidecar.Flavors;

namespace SecretBroker.Sidecar.Cli;

/// <summary><c>secretbroker version</c>: the version, the commit it was built from, and its flavour.</summary>
internal static class VersionCommand
{
    public static Command Create(CliContext context)
    {
        Command command = new("version", CliMessages.VersionDescription);
        command.SetAction(_ =>
        {
            context.Output.WriteLine(CliMessages.VersionLine(SidecarVersion.Informational));
            context.Output.WriteLine(CliMessages.CommitLine(SidecarVersion.Commit));
            context.Output.WriteLine(CliMessages.FlavorLine(SidecarFlavor.Current.Name));
            return ExitCodes.Success;
        });
        return command;
    }
}
