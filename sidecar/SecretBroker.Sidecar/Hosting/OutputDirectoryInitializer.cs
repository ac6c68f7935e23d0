using Microsoft.Extensions.Hosting;
using SecretBroker.Sidecar.Outputs.Files;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// Prepares <c>outputs.files.dir</c> before any other service starts (it is registered first), so that a refused
/// directory (not tmpfs, not writable) stops the sidecar before anything is fetched or written.
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
