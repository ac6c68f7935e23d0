using System.Globalization;

namespace SecretBroker.Sidecar.Cli;

/// <summary>What <c>check</c> says about delivery layouts and Hugging Face tokens. Never a value or a token.</summary>
internal static class CheckMessages
{
    public const string HubAnswerUnreadable = "the Hub's whoami-v2 answer is not the JSON huggingface_hub expects";

    public static string HubRefusedToken(int status) =>
        string.Create(CultureInfo.InvariantCulture, $"the Hub refused the token (HTTP {status}): it is invalid, expired or revoked");

    public static string HubAnswered(int status) => string.Create(CultureInfo.InvariantCulture, $"the Hub's whoami-v2 answered HTTP {status}");

    public static string HubTimedOut(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"the Hub did not answer whoami-v2 within {timeout.TotalSeconds:0} s");

    public static string HubUnreachable(string reason) => $"the Hub could not be reached ({reason})";

    public static string Verified(string secret, WhoAmIAnswer answer, Uri endpoint) =>
        $"{secret}: Hugging Face token '{answer.TokenName ?? "(unnamed)"}', role {answer.Role ?? "(none)"}, account {answer.Account ?? "(unknown)"}, verified at {endpoint}";

    public static string NotVerified(string secret, string problem, Uri endpoint) => $"{secret}: Hugging Face token not verified at {endpoint}: {problem}";
}
