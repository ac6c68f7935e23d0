using System.Net;

namespace SecretBroker.Vault.Internal;

/// <summary>One Vault answer: its status, the envelope when it was a 200 with a body, and the wait a 429 asked for.</summary>
internal sealed record VaultReply(HttpStatusCode Status, VaultEnvelope? Envelope, TimeSpan? RetryAfter)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}
