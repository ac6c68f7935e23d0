using Microsoft.Extensions.Options;
using SidecarConsumer;

var builder = WebApplication.CreateSlimBuilder(args);

// Secrets from the secretbroker sidecar: the socket from SECRETBROKER_SOCKET, else the files in
// SECRETBROKER_SECRETS_DIR (see README.md for the pod wiring). They reload on rotation.
builder.Configuration.AddSecretBrokerSidecar();
builder.Services.Configure<HuggingFaceOptions>(builder.Configuration.GetSection("huggingface"));

var app = builder.Build();
var monitor = app.Services.GetRequiredService<IOptionsMonitor<HuggingFaceOptions>>();
var changes = 0;
monitor.OnChange(options =>
{
    Interlocked.Increment(ref changes);
    string fingerprint = TokenFingerprint.Of(options.Token);
    app.Logger.TokenRotated(fingerprint);
});

// Shows that the bound options follow rotations live — a fingerprint, never the token itself.
app.MapGet("/", () => Results.Text(
    $"huggingface token fingerprint: {TokenFingerprint.Of(monitor.CurrentValue.Token)}\nrotations seen: {Volatile.Read(ref changes)}\n"));

app.Run();
