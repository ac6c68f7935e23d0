using SecretBroker.Aws.Internal;
using SecretBroker.Backends;

namespace SecretBroker.Aws;

/// <summary>
/// Validates <see cref="AwsSecretsManagerOptions"/>, naming the setting keys of an <c>aws-secrets-manager</c> backend:
/// <c>region</c> required and shaped like one; the IRSA-only keys refused with <c>identity: pod-identity</c>;
/// <c>requestTimeout</c> between 1 s and 10 min. Whether the identity's variables and files exist is checked when the
/// backend is built, against the environment.
/// </summary>
public sealed partial class AwsSecretsManagerOptionsValidator : SecretBackendOptionsValidator<AwsSecretsManagerOptions>
{
    /// <inheritdoc/>
    public override IEnumerable<SecretBackendSettingProblem> Problems(AwsSecretsManagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Region))
        {
            yield return new SecretBackendSettingProblem("region", AwsSettingMessages.Required);
        }
        else if (!AwsRegion().IsMatch(options.Region.Trim()))
        {
            yield return new SecretBackendSettingProblem("region", AwsSettingMessages.NotAnAwsRegion(options.Region));
        }

        if (options.Identity == AwsIdentityMode.PodIdentity)
        {
            // These only steer IRSA; accepting them with pod-identity would suggest they do something.
            (string Key, object? Value)[] irsaOnly =
            [
                ("roleArn", options.RoleArn), ("webIdentityTokenFile", options.WebIdentityTokenFile),
                ("roleSessionName", options.RoleSessionName), ("stsEndpoint", options.StsServiceUrl),
            ];
            foreach ((string key, object? value) in irsaOnly)
            {
                if (value is not null)
                {
                    yield return new SecretBackendSettingProblem(key, AwsSettingMessages.IrsaOnlyKey(key));
                }
            }
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new SecretBackendSettingProblem("requestTimeout", AwsSettingMessages.TimeoutOutOfRange(options.RequestTimeout));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex AwsRegion();
}
