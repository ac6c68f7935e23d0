namespace SecretBroker.Sidecar.Cli;

/// <summary>Entry point of the <c>secretbroker</c> command line (placeholder until the CLI lands).</summary>
internal static class SecretBrokerCli
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length == 0 ? 2 : 2);
}
