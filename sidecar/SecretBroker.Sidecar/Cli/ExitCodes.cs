namespace SecretBroker.Sidecar.Cli;

/// <summary>The process exit codes, as the contract's command table fixes them.</summary>
internal static class ExitCodes
{
    /// <summary><c>run</c> stopped cleanly; <c>check</c> found everything good; <c>version</c>.</summary>
    public const int Success = 0;

    /// <summary><c>run</c> hit a fatal error at run time; <c>check</c> found a secret it could not fetch.</summary>
    public const int Failure = 1;

    /// <summary>
    /// Bad config or usage: the config file is unreadable or invalid, <c>--config</c> is missing, the arguments do not
    /// parse, or the startup preflight <c>run</c> and <c>check</c> share refused the config here (an output directory not
    /// on tmpfs, a socket directory, a backend's missing identity): all things the user fixes in the config or the pod
    /// spec, and in every case nothing was started or written.
    /// </summary>
    public const int BadConfigOrUsage = 2;
}
