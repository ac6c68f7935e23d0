namespace SecretBroker.Sidecar.Configuration;

/// <summary>The <c>huggingface:</c> section as written (sidecar-only: how <c>check</c> verifies Hugging Face tokens).</summary>
internal sealed class RawHuggingFaceConfig(int line)
{
    public int Line { get; } = line;

    public SettingsValue? Verify { get; set; }

    public SettingsValue? Endpoint { get; set; }
}
