namespace SecretBroker.Settings;

/// <summary>
/// <c>secrets[].profile</c>: a well-known consumer the sidecar lays the secret's file out for. The library
/// (<c>AddSecretBroker</c>) accepts it and ignores it: it delivers configuration keys, not files.
/// </summary>
public enum SecretProfile
{
    /// <summary>No profile (the default): the file is written as its <see cref="SecretFileFormat"/> says.</summary>
    None,

    /// <summary>
    /// <c>huggingface</c>: the value is a Hugging Face token, delivered bare (surrounding whitespace trimmed) at
    /// <c>&lt;dir&gt;/&lt;name&gt;</c> and at <c>&lt;dir&gt;/hf/token</c>, so one mount serves <c>HF_TOKEN_PATH</c> and <c>HF_HOME</c>.
    /// </summary>
    HuggingFace,
}
