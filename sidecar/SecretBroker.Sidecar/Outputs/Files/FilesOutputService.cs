using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SecretBroker.Sidecar.Outputs.Files;

// PLACEHOLDER (sidecar branch): the real service lands with the files-output work and replaces this file at merge.
// Only its shape matters here, so that Hosting/ can register it.

/// <summary>Writes every new generation of the engine to <c>outputs.files.dir</c> through a <see cref="GenerationWriter"/>.</summary>
internal sealed class FilesOutputService : BackgroundService
{
    public FilesOutputService(SecretRefreshEngine engine, GenerationWriter writer, ILogger<FilesOutputService> logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(logger);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => throw new NotImplementedException();
}
