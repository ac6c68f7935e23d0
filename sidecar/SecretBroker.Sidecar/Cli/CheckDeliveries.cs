using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Outputs.Files;

namespace SecretBroker.Sidecar.Cli;

/// <summary>
/// The part of <c>check</c> about how secrets are delivered: each loaded value with a <c>profile</c> or <c>format</c>
/// must fit it (the rule the files output applies, so a value <c>run</c> would not write fails <c>check</c>), and with
/// <c>huggingface.verify: true</c> each Hugging Face token is shown to the Hub's <c>whoami-v2</c>, whose answer (token
/// name, role, account) is printed. Never a value, never a token.
/// </summary>
internal static class CheckDeliveries
{
    /// <summary>Problems by secret name (for the table's STATUS) and the lines to print before the table.</summary>
    public static async Task<(Dictionary<string, string> Problems, List<string> Lines)> CheckAsync(
        SidecarSettings settings, SecretGeneration loaded, CancellationToken cancellationToken)
    {
        Dictionary<string, string> problems = new(StringComparer.Ordinal);
        List<string> lines = [];
        SecretFileLayout layout = new(settings.FileDeliveries);
        HttpClient? client = null;
        try
        {
            foreach ((string name, SecretFileDelivery delivery) in settings.FileDeliveries)
            {
                if (!loaded.TryGet(name, out SecretEntry? entry))
                {
                    continue;
                }

                if (layout.Render(name, entry.Value, out string? problem) is not { } files)
                {
                    problems[name] = problem!;
                    continue;
                }

                if (delivery.Profile != SecretProfile.HuggingFace || settings.HuggingFace is not { Verify: true } huggingFace)
                {
                    continue;
                }

                // The bare token, as the files output writes it (surrounding whitespace trimmed).
                // No redirects: the token goes to the configured endpoint and nowhere else.
                client ??= new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = HuggingFaceWhoAmI.Timeout };
                WhoAmIAnswer answer = await HuggingFaceWhoAmI.AskAsync(client, huggingFace.Endpoint, files[0].Value, cancellationToken).ConfigureAwait(false);
                if (answer.Problem is { } refused)
                {
                    problems[name] = refused;
                    lines.Add(CheckMessages.NotVerified(name, refused, huggingFace.Endpoint));
                }
                else
                {
                    lines.Add(CheckMessages.Verified(name, answer, huggingFace.Endpoint));
                }
            }
        }
        finally
        {
            client?.Dispose();
        }

        return (problems, lines);
    }
}
