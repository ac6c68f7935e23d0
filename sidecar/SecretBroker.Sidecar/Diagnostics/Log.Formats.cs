using Microsoft.Extensions.Logging;

namespace SecretBroker.Sidecar.Diagnostics;

// Files output: values that do not fit their secret's profile or format (EventIds 2030–2039, in the files range).
internal static partial class Log
{
    [LoggerMessage(EventId = 2030, EventName = "SecretDoesNotFitLayout", Level = LogLevel.Error,
        Message = "Secret {SecretName} version {Version} does not fit its {Layout}: {Problem}; its files in {Directory} keep the last value that did, the other secrets are written as usual")]
    public static partial void SecretDoesNotFitLayout(this ILogger logger, string secretName, string version, string layout, string problem, string directory);
}
