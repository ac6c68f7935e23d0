using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Hosting;
using SecretBroker.Sidecar.Outputs.Files;
using SecretBroker.Sidecar.Outputs.Socket;

namespace SecretBroker.Sidecar.Cli;

/// <summary>
/// What would stop <c>run</c> at startup although the config itself is valid: a backend that refuses its settings
/// (an AWS identity whose variables are missing), an unusable <c>outputs.files.dir</c> or <c>outputs.socket.path</c>.
/// <c>run</c> and <c>check</c> both ask it before anything starts, so a CI gate on <c>check</c> cannot pass a config
/// that <c>run</c> refuses. It changes nothing: no directory is created, no backend contacted.
/// </summary>
internal static class StartupPreflight
{
    /// <summary>Every such problem, ordered by line, each pointing at the key it is about; empty when <c>run</c> can start.</summary>
    public static IReadOnlyList<SettingsError> Problems(SidecarSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        List<SettingsError> problems = [];
        foreach ((string name, ConfiguredBackend backend) in settings.Backends)
        {
            // One backend at a time: SecretBackendSet.Create stops at the first refusal, and every refusal is wanted.
            try
            {
                using SecretBackendSet built = SecretBackendSet.Create([backend]);
            }
            catch (BackendStartupException refused)
            {
                // The message already starts with "backends.NAME: ".
                problems.Add(new SettingsError(settings.LineOf("backends." + name), null, refused.Message));
            }
        }

        if (settings.Outputs.Files is { } files)
        {
            const string key = "outputs.files.dir";
            problems.AddRange(OutputDirectoryPolicy.Problems(files).Select(p => new SettingsError(settings.LineOf(key), key, p)));
        }

        if (settings.Outputs.Socket is { } socket)
        {
            const string key = "outputs.socket.path";
            problems.AddRange(SocketDirectoryPolicy.Problems(socket).Select(p => new SettingsError(settings.LineOf(key), key, p)));
        }

        return [.. problems.OrderBy(p => p.Line)];
    }
}
