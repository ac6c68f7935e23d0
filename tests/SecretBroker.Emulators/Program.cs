using SecretBroker.Emulators;

// Standalone local cloud: `dotnet run --project tests/SecretBroker.Emulators -- --state-dir DIR`.
var stateDir = args.SkipWhile(a => a != "--state-dir").Skip(1).FirstOrDefault();
if (string.IsNullOrWhiteSpace(stateDir))
{
    await Console.Error.WriteLineAsync("usage: SecretBroker.Emulators --state-dir DIR");
    return 2;
}

await using var cloud = await LocalCloud.StartAsync(
    new LocalCloudOptions { StateDirectory = stateDir, LogRequests = true },
    logging => logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter("Microsoft.AspNetCore", LogLevel.Warning));
Console.WriteLine($"local cloud up; endpoints in {cloud.EndpointsFile}");
await cloud.WaitForShutdownAsync();
return 0;
