namespace SecretBroker.Backends;

/// <summary>How the engine treats a failure.</summary>
public enum SecretErrorKind
{
    /// <summary>May succeed on retry (network, 5xx, throttling): retried with exponential backoff.</summary>
    Transient,

    /// <summary>Will not succeed without a change elsewhere (not found, access denied, bad data): retried slowly.</summary>
    Permanent,
}
