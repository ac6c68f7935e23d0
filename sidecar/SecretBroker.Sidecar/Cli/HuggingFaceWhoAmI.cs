using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SecretBroker.Sidecar.Cli;

/// <summary>
/// Asks the Hub who a token belongs to: <c>GET {endpoint}/api/whoami-v2</c> with <c>Authorization: Bearer &lt;token&gt;</c>
/// (what <c>huggingface_hub.whoami()</c> sends), and reads the account's <c>name</c> and the token's
/// <c>auth.accessToken.displayName</c> and <c>role</c>. The token goes only into that header; no answer, message or
/// exception here contains it.
/// </summary>
internal static class HuggingFaceWhoAmI
{
    /// <summary>How long one question may take; <c>check</c> must not hang on an unreachable Hub.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    // The Hub's answer is under a few kilobytes; a larger one is not a whoami answer.
    private const int MaxAnswerBytes = 256 * 1024;

    /// <summary>Who the token is, or the problem, in words (never the token).</summary>
    public static async Task<WhoAmIAnswer> AskAsync(HttpClient client, Uri endpoint, ReadOnlyMemory<byte> token, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = new(HttpMethod.Get, new Uri(endpoint, "api/whoami-v2"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Encoding.ASCII.GetString(token.Span));
        try
        {
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return WhoAmIAnswer.Failed(CheckMessages.HubRefusedToken((int)response.StatusCode));
            }

            if (!response.IsSuccessStatusCode)
            {
                return WhoAmIAnswer.Failed(CheckMessages.HubAnswered((int)response.StatusCode));
            }

            byte[] body = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            return Parse(body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WhoAmIAnswer.Failed(CheckMessages.HubTimedOut(Timeout));
        }
        catch (HttpRequestException e)
        {
            // The message names the host and the socket error; the request's headers are never part of it.
            return WhoAmIAnswer.Failed(CheckMessages.HubUnreachable(e.HttpRequestError.ToString()));
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using MemoryStream buffer = new();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
            {
                return [];
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static WhoAmIAnswer Parse(byte[] body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            string? account = Text(root, "name");
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("auth", out JsonElement auth) && auth.ValueKind == JsonValueKind.Object
                && auth.TryGetProperty("accessToken", out JsonElement accessToken) && accessToken.ValueKind == JsonValueKind.Object)
            {
                return new WhoAmIAnswer(account, Text(accessToken, "displayName"), Text(accessToken, "role"), Problem: null);
            }

            // A token that is not an access token (e.g. an exchanged one) has no accessToken block: the account still tells who.
            return account is null ? WhoAmIAnswer.Failed(CheckMessages.HubAnswerUnreadable) : new WhoAmIAnswer(account, null, null, Problem: null);
        }
        catch (JsonException)
        {
            return WhoAmIAnswer.Failed(CheckMessages.HubAnswerUnreadable);
        }
    }

    /// <summary>A string field, made safe to print on one line (control characters replaced, at most 100 characters).</summary>
    private static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out JsonElement field) || field.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        string text = field.GetString()!;
        string shown = new([.. text.Take(100).Select(c => char.IsControl(c) ? '?' : c)]);
        return shown.Length == 0 ? null : shown;
    }
}

/// <summary>What the Hub said about a token: its account, name and role, or why it could not tell.</summary>
internal sealed record WhoAmIAnswer(string? Account, string? TokenName, string? Role, string? Problem)
{
    public static WhoAmIAnswer Failed(string problem) => new(null, null, null, problem);
}
