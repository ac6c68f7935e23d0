using System.CommandLine;

using SecretBroker.Sidecar.Conversion;

namespace SecretBroker.Sidecar.Cli;

/// <summary>
/// <c>secretbroker convert vault-annotations FILE</c>: prints the SecretBroker config equivalent to a pod's Vault Agent
/// injector annotations (<see cref="VaultAnnotationConverter"/>). Exit 0 with the config on stdout; 2 with every
/// problem on stderr, each naming its annotation, and nothing on stdout (a partial config must not be piped onward).
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> file = new("FILE") { Description = ConvertMessages.FileDescription };
        Command vault = new("vault-annotations", ConvertMessages.VaultDescription) { Arguments = { file } };
        vault.SetAction(parsed => Execute(parsed.GetValue(file)!, context));
        return new Command("convert", ConvertMessages.ConvertDescription) { Subcommands = { vault } };
    }

    private static int Execute(string file, CliContext context)
    {
        List<SettingsError> errors = [];
        string config = ManifestReader.Read(file, context.OpenStandardInput, errors) is { } pod
            && VaultAnnotationConverter.Convert(pod, errors) is { } conversion
            && errors.Count == 0
                ? VaultConfigWriter.Write(conversion)
                : string.Empty;
        if (errors.Count > 0)
        {
            string name = file == "-" ? "<stdin>" : file;
            context.Error.WriteLine(ConvertMessages.Refused(errors.Count));
            foreach (SettingsError error in errors.OrderBy(e => e.Line))
            {
                context.Error.WriteLine(error.Format(name));
            }

            return ExitCodes.BadConfigOrUsage;
        }

        context.Output.Write(config);
        return ExitCodes.Success;
    }
}
