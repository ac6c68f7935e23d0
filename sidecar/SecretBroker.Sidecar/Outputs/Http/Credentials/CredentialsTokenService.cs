using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Diagnostics;

namespace SecretBroker.Sidecar.Outputs.Http.Credentials;

/// <summary>
/// Writes this start's <see cref="CredentialsToken"/> to the files directory once the directory is prepared and
/// before the listener binds, so no request can arrive before a container could know the token. A failure stops the
/// start (the route would refuse every request).
/// </summary>
internal sealed class CredentialsTokenService(SidecarSettings settings, CredentialsToken token, ILogger<CredentialsTokenService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Validation requires outputs.files with credentials: (the token lives there).
        FilesOutputSettings files = settings.Outputs.Files ?? throw new InvalidOperationException("credentials: without outputs.files");
        string path = CredentialsTokenFile.Write(files, token);
        string names = string.Join(", ", settings.Credentials.Select(static s => s.Name));
        Log.CredentialsTokenWritten(logger, path, names);

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
