using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Outputs.Files.Formats;

namespace SecretBroker.Sidecar.Outputs.Files;

/// <summary>
/// Which files a generation becomes: each secret at <c>&lt;name&gt;</c> (written as its <c>format</c> says), and the
/// <c>profile: huggingface</c> secret also at <c>hf/token</c>. Paths are relative to a generation directory; a path with
/// a <c>/</c> lives in a subdirectory of the generation, reached through one top-level link (<c>hf</c> → <c>..data/hf</c>),
/// so it flips with everything else.
/// </summary>
internal sealed class SecretFileLayout
{
    /// <summary>The directory <c>HF_HOME</c> points at.</summary>
    public const string HuggingFaceDirectory = SecretBrokerSettingsReader.HuggingFaceDirectoryName;

    /// <summary>Where the Hugging Face token is written, relative to a generation (<c>$HF_HOME/token</c>).</summary>
    public const string HuggingFaceTokenPath = HuggingFaceDirectory + "/token";

    private readonly IReadOnlyDictionary<string, SecretFileDelivery> _deliveries;

    public SecretFileLayout(IReadOnlyDictionary<string, SecretFileDelivery> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        _deliveries = deliveries;
    }

    /// <summary>Every secret written raw, nothing extra.</summary>
    public static SecretFileLayout Raw { get; } = new(new Dictionary<string, SecretFileDelivery>(StringComparer.Ordinal));

    /// <summary>The relative paths secret <paramref name="name"/> is written to.</summary>
    public IEnumerable<string> PathsOf(string name)
    {
        yield return name;
        if (DeliveryOf(name).Profile == SecretProfile.HuggingFace)
        {
            yield return HuggingFaceTokenPath;
        }
    }

    /// <summary>The top-level entry a relative path is reached through (<c>hf/token</c> → <c>hf</c>).</summary>
    public static string TopLevelOf(string path)
    {
        int slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? path : path[..slash];
    }

    /// <summary>
    /// The files of one secret, or <see langword="null"/> with <paramref name="problem"/> when the value does not fit its
    /// profile or format (the problem never quotes the value).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>>? Render(string name, ReadOnlyMemory<byte> value, out string? problem)
    {
        SecretFileDelivery delivery = DeliveryOf(name);
        if (delivery.Profile == SecretProfile.HuggingFace)
        {
            problem = HuggingFaceToken.Problem(value.Span, out ReadOnlySpan<byte> token);
            if (problem is not null)
            {
                return null;
            }

            byte[] bare = token.ToArray();
            return [new(name, bare), new(HuggingFaceTokenPath, bare)];
        }

        if (delivery.Format is not (SecretFileFormat.AwsCredentials or SecretFileFormat.Dotenv))
        {
            // Raw: the engine's immutable bytes themselves, not a copy per write.
            problem = null;
            return [new(name, value)];
        }

        byte[]? content = delivery.Format == SecretFileFormat.AwsCredentials
            ? AwsCredentialsFile.Render(value, out problem)
            : DotenvFile.Render(value, out problem);
        return content is null ? null : [new(name, content)];
    }

    /// <summary>The format's name as written in the config, for log lines.</summary>
    public string DescribeLayout(string name) => DeliveryOf(name) switch
    {
        { Profile: SecretProfile.HuggingFace } => "profile huggingface",
        { Format: SecretFileFormat.AwsCredentials } => "format aws-credentials",
        { Format: SecretFileFormat.Dotenv } => "format dotenv",
        _ => "format raw",
    };

    private SecretFileDelivery DeliveryOf(string name) => _deliveries.GetValueOrDefault(name, SecretFileDelivery.Raw);
}
