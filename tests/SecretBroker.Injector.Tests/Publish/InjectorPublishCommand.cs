namespace SecretBroker.Injector.Tests.Publish;

/// <summary>
/// The one definition of how the injector image's binary is built: the Dockerfile runs exactly these arguments (a test
/// reads them back from it) and the publish test runs them here, so the image never builds something CI did not.
/// </summary>
internal static class InjectorPublishCommand
{
    public const string Project = "sidecar/SecretBroker.Injector";

    public const string RuntimeIdentifier = "linux-x64";

    /// <summary><c>dotnet publish</c>'s arguments, without the output options each caller adds.</summary>
    public static IReadOnlyList<string> Arguments { get; } = ["publish", Project, "-c", "Release", "-r", RuntimeIdentifier, "-p:PublishAot=true"];

    public const string BinaryName = "secretbroker-injector";
}
