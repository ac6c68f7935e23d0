using Microsoft.Extensions.Logging;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>What a caller (the CLI, or a test) may change about the host <see cref="SidecarHost.Build"/> composes.</summary>
internal sealed record SidecarHostOptions
{
    /// <summary>The clock for the engine and the outputs; <see langword="null"/> for <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Lowest level logged (from <c>SECRETBROKER_LOG_LEVEL</c> in the CLI). Default Information.</summary>
    public LogLevel MinimumLevel { get; init; } = LogLevel.Information;

    /// <summary>Whether logs go to stdout as JSON lines (the product's behaviour). Tests may turn it off and add their own providers.</summary>
    public bool JsonConsoleLogging { get; init; } = true;

    /// <summary>Extra logging setup applied last (tests add a collecting provider here).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>How long a stop may take before remaining work is abandoned. Default 5 s (the pod's grace period is longer).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the image's start-only pages are paged out once the sidecar is ready (Native AOT on Linux only).</summary>
    public bool TrimMemoryAfterStart { get; init; } = true;
}
