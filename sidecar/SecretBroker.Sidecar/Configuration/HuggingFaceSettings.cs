namespace SecretBroker.Sidecar.Configuration;

/// <summary>
/// The <c>huggingface:</c> section. Sidecar-only: the library (<c>AddSecretBroker</c>) reads only <c>backends:</c> and
/// <c>secrets:</c>.
/// </summary>
/// <param name="Endpoint">The Hub's base URL (default <c>https://huggingface.co</c>); https, or http on a loopback host.</param>
/// <param name="Verify">Whether <c>check</c> asks <c>GET {Endpoint}/api/whoami-v2</c> about each <c>profile: huggingface</c> token.</param>
internal sealed record HuggingFaceSettings(Uri Endpoint, bool Verify)
{
    /// <summary>The public Hub.</summary>
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co/");
}
