using Microsoft.Extensions.Configuration;
using SecretBroker.Aws;

namespace SecretBroker.Configuration.Tests.Direct;

/// <summary>The AWS package's code-first call hands its options to the type's validator (not the delegate that sets them).</summary>
public sealed class AwsCodeFirstTests
{
    [Fact]
    public void AddAwsSecretsManager_options_are_validated_as_options()
    {
        SecretBrokerConfigurationException e = Assert.Throws<SecretBrokerConfigurationException>(() => new ConfigurationBuilder()
            .AddSecretBroker(b =>
            {
                b.AddAwsSecretsManager("models", o => o.Region = "mars-1");
                b.AddSecret("hf-token", "models", "prod/hf");
            })
            .Build());

        Assert.Equal(["backends.models.region: 'mars-1' is not an AWS region (e.g. us-west-2)"], e.Errors);
    }

    [Fact]
    public void Options_of_another_type_are_refused_where_they_are_given()
    {
        SecretBrokerConfigurationSource source = new();

        ArgumentException e = Assert.Throws<ArgumentException>(() => source.AddBackend(new Settings.ConfiguredBackend("models", AwsSecretsManagerBackendType.Instance, new object())));

        Assert.Contains("configured with AwsSecretsManagerOptions, not Object", e.Message, StringComparison.Ordinal);
    }
}
