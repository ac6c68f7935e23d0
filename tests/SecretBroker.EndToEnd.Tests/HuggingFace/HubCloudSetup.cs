using System.Globalization;
using System.Text;
using SecretBroker.Emulators;
using SecretBroker.Emulators.HuggingFace;
using SecretBroker.EndToEnd.Tests.Infrastructure;

namespace SecretBroker.EndToEnd.Tests.HuggingFace;

/// <summary>
/// The local cloud started in-process (its Hub token exchange and the <c>huggingface</c> projected token volume), a
/// tmpfs output directory and a config with one <c>huggingface-oidc</c> backend named <c>hub</c> delivering the
/// access token for <see cref="Resource"/> to <c>hf-token</c>.
/// </summary>
internal sealed class HubCloudSetup : LocalCloudSetup
{
    public const string Resource = "acme/llama-ft";
    public const string FileName = "hf-token";

    private HubCloudSetup(LocalCloud cloud, TempDirectory state)
        : base(cloud, state)
    {
    }

    public override string OutputFile => Path.Combine(OutputDirectory, FileName);

    /// <summary>Starts the local cloud; <paramref name="configure"/> may shorten the Hub's token lifetime before it starts.</summary>
    public static async Task<HubCloudSetup> StartAsync(Action<LocalCloudOptions>? configure = null)
    {
        (LocalCloud cloud, TempDirectory state) = await StartCloudAsync(configure);
        return new HubCloudSetup(cloud, state);
    }

    /// <summary>
    /// Writes the config (files always; the socket API and the loopback listener on port 0 on request);
    /// <paramref name="tokenFile"/> overrides the emulator's projected token path.
    /// </summary>
    public string WriteConfig(string? tokenFile = null, TimeSpan? refresh = null, bool socket = false, bool http = false, string? profile = null)
    {
        StringBuilder yaml = new StringBuilder()
            .AppendLine("backends:")
            .AppendLine("  hub:")
            .AppendLine("    type: huggingface-oidc")
            .AppendLine(CultureInfo.InvariantCulture, $"    endpoint: {Cloud.HuggingFaceUrl}")
            .AppendLine(CultureInfo.InvariantCulture, $"    tokenFile: {tokenFile ?? Cloud.HuggingFaceToken.Path}")
            .AppendLine("    requestTimeout: 5s")
            .AppendLine("secrets:")
            .AppendLine(CultureInfo.InvariantCulture, $"  - name: {FileName}")
            .AppendLine("    backend: hub")
            .AppendLine(CultureInfo.InvariantCulture, $"    id: {Resource}");
        if (profile is not null)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    profile: {profile}");
        }

        if (refresh is { } interval)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    refresh: {(int)interval.TotalMilliseconds}ms");
        }

        return WriteWithOutputs(yaml, socket, http);
    }

    /// <summary>The access tokens the Hub issued, in order.</summary>
    public IReadOnlyList<IssuedHubToken> Issued => Cloud.HubTokens.Issued;

    /// <summary>No access token the Hub issued, nor any projected token, reached <paramref name="output"/>.</summary>
    public void AssertNoTokenIn(string output)
    {
        Assert.NotEmpty(Issued);
        foreach (IssuedHubToken token in Issued)
        {
            Assert.DoesNotContain(token.AccessToken, output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("hf_jwt_", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Cloud.HuggingFaceToken.Current, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Cloud.HuggingFaceToken.Current.Split('.')[1], output, StringComparison.Ordinal);
    }
}
