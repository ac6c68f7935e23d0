namespace SecretBroker.HuggingFace;

/// <summary>Configuration of one <c>huggingface-oidc</c> backend. Validated when the backend is built.</summary>
public sealed class HuggingFaceOidcOptions
{
    /// <summary>The Hub's public address, <c>https://huggingface.co</c>.</summary>
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co");

    /// <summary>
    /// The Hub the token is exchanged at (<c>{Endpoint}/oauth/token</c>); <see cref="DefaultEndpoint"/> by default. Must
    /// be <c>https</c> unless the host is loopback (127.0.0.0/8, ::1, <c>localhost</c>): the projected token travels in
    /// the request body.
    /// </summary>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>
    /// Absolute path of the projected service-account token whose audience is <c>https://huggingface.co</c>. Required.
    /// Read again at every exchange, so a token the kubelet rotates is presented at the next one.
    /// </summary>
    public string? TokenFile { get; set; }

    /// <summary>Timeout of one exchange (30 s by default, 1 s to 10 min); a timeout is a transient failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
