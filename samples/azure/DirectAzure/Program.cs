using DirectAzure;
using Microsoft.Extensions.Options;
using SecretBroker;
using SecretBroker.Azure;

var builder = WebApplication.CreateSlimBuilder(args);

// Which vault, and how often to ask it whether the token moved (appsettings.json; one GET per interval).
Uri vault = builder.Configuration.GetValue<Uri>("KeyVault:Uri") ?? throw new InvalidOperationException("KeyVault:Uri is not set");
TimeSpan refresh = builder.Configuration.GetValue("HuggingFace:Refresh", TimeSpan.FromMinutes(5));

// The provider logs through its own factory: the host's logging is built after the configuration.
using ILoggerFactory brokerLogs = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));

// Straight to Azure Key Vault, no sidecar. Identity: Entra workload identity from AZURE_CLIENT_ID, AZURE_TENANT_ID,
// AZURE_FEDERATED_TOKEN_FILE and AZURE_AUTHORITY_HOST, as AKS injects them; missing ones fail the build naming them.
// The build blocks until the token is loaded (or fails naming the secret); after that it reloads in the background.
builder.Configuration.AddSecretBroker(b =>
{
    b.AddAzureKeyVault("kv", o => o.VaultUri = vault);
    b.AddSecret("huggingface--token", backend: "kv", id: "hf-token", refresh: refresh);
    b.LoggerFactory = brokerLogs;
});
builder.Services.Configure<HuggingFaceOptions>(builder.Configuration.GetSection("huggingface"));

var app = builder.Build();
var monitor = app.Services.GetRequiredService<IOptionsMonitor<HuggingFaceOptions>>();
app.Logger.TokenLoaded(TokenFingerprint.Of(monitor.CurrentValue.Token));
var reloads = 0;
monitor.OnChange(options =>
{
    Interlocked.Increment(ref reloads);
    app.Logger.TokenReloaded(TokenFingerprint.Of(options.Token));
});

// Shows that the bound options follow new versions live — a fingerprint, never the token itself.
app.MapGet("/", () => Results.Text(
    $"huggingface token fingerprint: {TokenFingerprint.Of(monitor.CurrentValue.Token)}\nreloads seen: {Volatile.Read(ref reloads)}\n"));

app.Run();
