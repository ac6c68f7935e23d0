namespace SecretBroker.Sidecar.Configuration;

/// <summary>The <c>huggingface:</c> section: whether and where <c>check</c> asks the Hub who a token belongs to.</summary>
internal sealed partial class RawConfigReader
{
    private static readonly string[] HuggingFaceKeys = ["verify", "endpoint"];

    private RawHuggingFaceConfig ReadHuggingFace(SettingsNode node, int line, string path)
    {
        RawHuggingFaceConfig huggingFace = new(line);
        if (Mapping(node, line, path) is not { } body)
        {
            return huggingFace;
        }

        foreach ((string key, int keyLine, SettingsNode value, string keyPath) in Entries(body, path, HuggingFaceKeys))
        {
            SettingsValue? scalar = Scalar(value, keyLine, keyPath);
            if (key == "verify")
            {
                huggingFace.Verify = scalar;
            }
            else
            {
                huggingFace.Endpoint = scalar;
            }
        }

        return huggingFace;
    }
}
