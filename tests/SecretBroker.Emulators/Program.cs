using System.Globalization;
using SecretBroker.Emulators;

// Standalone local cloud: `dotnet run --project tests/SecretBroker.Emulators -- --state-dir DIR
// [--assume-role-session-lifetime SECONDS] [--tls]`. --tls serves STS, Secrets Manager, S3, the Hub and Vault over HTTPS with a
// CA made for the run (its PEM path in endpoints.json); Entra and Key Vault are HTTPS with that CA on every run. The lifetime cuts the sessions sts:AssumeRole issues (role chaining), so a
// demo watches the model-store credentials rotate in seconds; real STS issues at least 15 minutes.
var stateDir = Argument("--state-dir");
var lifetimeText = Argument("--assume-role-session-lifetime");
TimeSpan? lifetime = null;
if (lifetimeText is not null)
{
    if (!int.TryParse(lifetimeText, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) || seconds is < 1 or > 43200)
    {
        await Console.Error.WriteLineAsync($"--assume-role-session-lifetime: '{lifetimeText}' is not a number of seconds from 1 to 43200");
        return 2;
    }

    lifetime = TimeSpan.FromSeconds(seconds);
}

if (string.IsNullOrWhiteSpace(stateDir))
{
    await Console.Error.WriteLineAsync("usage: SecretBroker.Emulators --state-dir DIR [--assume-role-session-lifetime SECONDS] [--tls]");
    return 2;
}

LocalCloudOptions options = new() { StateDirectory = stateDir, LogRequests = true, Tls = args.Contains("--tls") };
if (lifetime is { } cut)
{
    options.Sts.AssumeRoleSessionLifetime = cut;
}

await using var cloud = await LocalCloud.StartAsync(
    options,
    logging => logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter("Microsoft.AspNetCore", LogLevel.Warning));
Console.WriteLine($"local cloud up; endpoints in {cloud.EndpointsFile}");
await cloud.WaitForShutdownAsync();
return 0;

string? Argument(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
