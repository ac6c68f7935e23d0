using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Flavors;

namespace SecretBroker.Sidecar.Tests.Flavors;

/// <summary>What each flavour registers, and the MSBuild table that builds it agreeing with <see cref="SidecarFlavor.Known"/>.</summary>
public class EachFlavourComposesWhatItIncludesTests
{
    [Fact]
    public void Each_flavour_registers_its_backend_types_and_names_the_rest_as_absent()
    {
        Assert.Equal(["file"], SidecarBackendTypes.Create(SidecarFlavor.Files).Types.Select(type => type.TypeName));
        Assert.Equal(["file", "aws-secrets-manager"], SidecarBackendTypes.Create(SidecarFlavor.Aws).Types.Select(type => type.TypeName));
        Assert.Equal(["file", "azure-key-vault"], SidecarBackendTypes.Create(SidecarFlavor.Azure).Types.Select(type => type.TypeName));
        Assert.Equal(["file", "vault"], SidecarBackendTypes.Create(SidecarFlavor.Vault).Types.Select(type => type.TypeName));
        Assert.Equal(["file", "aws-secrets-manager", "azure-key-vault", "vault", "huggingface-oidc"], SidecarBackendTypes.Create(SidecarFlavor.All).Types.Select(type => type.TypeName));
    }

    [Fact]
    public void A_build_without_the_switches_is_the_all_in_one()
    {
        // The JIT test host sets no flavour switch: every feature, named "all".
        Assert.Equal(SidecarFlavor.All, SidecarFlavor.Current);
    }

    [Fact]
    public void The_project_file_sets_a_switch_for_every_feature_and_accepts_exactly_the_known_flavours()
    {
        string project = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "sidecar", "SecretBroker.Sidecar", "SecretBroker.Sidecar.csproj"));

        foreach (string name in new[] { SidecarFeatures.AwsSwitch, SidecarFeatures.AzureSwitch, SidecarFeatures.VaultSwitch, SidecarFeatures.HuggingFaceSwitch, SidecarFeatures.ListenersSwitch })
        {
            Assert.Contains($"<RuntimeHostConfigurationOption Include=\"{name}\" Value=", project, StringComparison.Ordinal);
        }

        Assert.Contains($"<RuntimeHostConfigurationOption Include=\"{SidecarFeatures.FlavorSwitch}\" Value=\"$(SecretBrokerFlavor)\" />", project, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", SidecarFlavor.Known.Select(f => f.Name).SkipLast(1)) + " or " + SidecarFlavor.Known[^1].Name, project, StringComparison.Ordinal);
    }
}
