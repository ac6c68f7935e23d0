using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Tests.Configuration;

/// <summary>Loads config text through the real loader from a real file, as the CLI does.</summary>
internal static class ConfigFixture
{
    /// <summary>A minimal valid config; tests replace parts of it.</summary>
    public const string Valid = """
        backends:
          local:
            type: file
            path: ./secrets
        secrets:
          - name: hf-token
            backend: local
            id: hf-token
        outputs:
          files:
            dir: /dev/shm/secretbroker-test
        """;

    public static SidecarSettings Load(string text, string fileName = "secretbroker.yaml")
    {
        using TempDirectory dir = new();
        return SidecarSettingsLoader.Load(dir.Write(fileName, text));
    }

    /// <summary>Loads <paramref name="text"/>, which must be invalid, and returns the exception's message.</summary>
    public static string Errors(string text, string fileName = "secretbroker.yaml")
    {
        using TempDirectory dir = new();
        string path = dir.Write(fileName, text);
        ConfigurationException e = Assert.Throws<ConfigurationException>(() => SidecarSettingsLoader.Load(path));
        Assert.NotEmpty(e.Errors);
        return e.Message;
    }
}
