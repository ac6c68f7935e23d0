namespace DirectAzure;

/// <summary>Bound from the <c>huggingface</c> section, which the secret <c>huggingface--token</c> fills.</summary>
public sealed class HuggingFaceOptions
{
    public string? Token { get; set; }
}
