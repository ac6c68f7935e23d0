using Microsoft.Extensions.Hosting;
using SecretBroker.Sidecar.Outputs.Files;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// Prepares <c>outputs.files.dir</c> before anything is fetched, so that a refused directory (not tmpfs, shared with
/// other users, not writable, or locked by another running sidecar) stops the sidecar before anything is written.
/// The writer keeps the directory's lock from here until it is disposed with the host.
/// </summary>
internal sealed class OutputDirectoryInitializer(GenerationWriter writer) : IHostedService
{
    /// <exception cref="OutputDirectoryException">The directory cannot be used.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        writer.Initialize();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
