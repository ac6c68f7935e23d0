using System.Diagnostics.CodeAnalysis;

namespace SecretBroker.Sidecar.Flavors;

/// <summary>
/// The build-time feature switches behind the flavours (<c>-p:SecretBrokerFlavor=files|aws|azure|vault|all</c>, see the project
/// file). The publish marks them <c>Trim="true"</c>, so ILC replaces each property with its constant and drops the
/// code only a switched-off feature reaches (Kestrel, OpenTelemetry, the AWS and Azure SDKs): that is what makes a flavour
/// smaller. Every guard in the composition reads these properties directly, never a copy, or nothing is trimmed.
/// A JIT build without the switches (tests, <c>dotnet run</c>) has every feature.
/// </summary>
internal static class SidecarFeatures
{
    public const string FlavorSwitch = "SecretBroker.Sidecar.Flavor";
    public const string AwsSwitch = "SecretBroker.Sidecar.Features.Aws";
    public const string AzureSwitch = "SecretBroker.Sidecar.Features.Azure";
    public const string VaultSwitch = "SecretBroker.Sidecar.Features.Vault";
    public const string HuggingFaceSwitch = "SecretBroker.Sidecar.Features.HuggingFace";
    public const string ListenersSwitch = "SecretBroker.Sidecar.Features.Listeners";

    /// <summary>The <c>aws-secrets-manager</c> backend and the <c>credentials:</c> route (the AWS SDK).</summary>
    [FeatureSwitchDefinition(AwsSwitch)]
    public static bool Aws => IsOn(AwsSwitch);

    /// <summary>The <c>azure-key-vault</c> backend (Azure.Identity and the Key Vault SDK).</summary>
    [FeatureSwitchDefinition(AzureSwitch)]
    public static bool Azure => IsOn(AzureSwitch);

    /// <summary>The <c>vault</c> backend (HashiCorp Vault / OpenBao over the BCL's HttpClient).</summary>
    [FeatureSwitchDefinition(VaultSwitch)]
    public static bool Vault => IsOn(VaultSwitch);

    /// <summary>The <c>huggingface-oidc</c> backend.</summary>
    [FeatureSwitchDefinition(HuggingFaceSwitch)]
    public static bool HuggingFace => IsOn(HuggingFaceSwitch);

    /// <summary>The socket API and the loopback listener (Kestrel, OpenTelemetry's Prometheus exporter).</summary>
    [FeatureSwitchDefinition(ListenersSwitch)]
    public static bool Listeners => IsOn(ListenersSwitch);

    /// <summary>The flavour's name as the build set it; <c>all</c> without the switch.</summary>
    public static string FlavorName => AppContext.GetData(FlavorSwitch) as string ?? SidecarFlavor.All.Name;

    private static bool IsOn(string name) => !AppContext.TryGetSwitch(name, out bool on) || on;
}
