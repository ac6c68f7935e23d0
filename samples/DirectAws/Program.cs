using DirectAws;
using Microsoft.Extensions.Options;
using SecretBroker;
using SecretBroker.Aws;

var builder = WebApplication.CreateSlimBuilder(args);

// How often to ask Secrets Manager whether the token moved (appsettings.json; one GetSecretValue per interval).
TimeSpan refresh = builder.Configuration.GetValue("HuggingFace:Refresh", TimeSpan.FromMinutes(5));

// The provider logs through its own factory: the host's logging is built after the configuration.
using ILoggerFactory brokerLogs = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));

// Straight to AWS Secrets Manager, no sidecar. Credentials: IRSA (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE) or
// EKS Pod Identity, as EKS injects them; endpoints from AWS_ENDPOINT_URL_* when set. The build blocks until the
// token is loaded (or fails naming the secret); after that it reloads in the background.
builder.Configuration.AddSecretBroker(b =>
{
    b.AddAwsSecretsManager("models", o => o.Region = builder.Configuration["AWS_REGION"] ?? "us-west-2");
    b.AddSecret("huggingface--token", backend: "models", id: "prod/huggingface", key: "token", refresh: refresh);
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

// Shows that the bound options follow rotations live — a fingerprint, never the token itself.
app.MapGet("/", () => Results.Text(
    $"huggingface token fingerprint: {TokenFingerprint.Of(monitor.CurrentValue.Token)}\nreloads seen: {Volatile.Read(ref reloads)}\n"));

app.Run();
