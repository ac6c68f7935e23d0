namespace SecretBroker.Deploy.Tests.Kubernetes;

/// <summary>The env rule refuses values that are credentials, not variables that say where one is.</summary>
public sealed class PodRulesTellCredentialsFromReferences
{
    [Theory]
    [InlineData("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token")]
    [InlineData("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token")]
    [InlineData("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials")]
    [InlineData("AZURE_AUTHORITY_HOST", "https://login.microsoftonline.com/")]
    [InlineData("HF_TOKEN_PATH", "/var/run/secretbroker/secrets/hf-token")]
    [InlineData("SECRETBROKER_LOG_LEVEL", "Debug")]
    [InlineData("SECRETBROKER_SECRETS_DIR", "/var/run/secretbroker/secrets")]
    [InlineData("TOKENIZERS_PARALLELISM", "false")]
    [InlineData("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/broker")]
    public void A_reference_to_a_credential_passes(string name, string value)
    {
        Assert.Empty(CheckWith(name, value));
    }

    [Theory]
    [InlineData("HF_TOKEN", "hf_abcdefghijklmnopqrstuvwxyz")]
    [InlineData("DB_PASSWORD", "hunter2")]
    [InlineData("OPENAI_API_KEY", "not-even-shaped")]
    [InlineData("AWS_CONTAINER_AUTHORIZATION_TOKEN", "abc")]
    [InlineData("TLS_KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIB")]
    [InlineData("GITHUB", "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB")]
    public void A_credential_is_refused(string name, string value)
    {
        string problem = Assert.Single(CheckWith(name, value));
        Assert.StartsWith($"container 'app': env[{name}].value: looks like a credential", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(value, problem, StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> CheckWith(string name, string value)
    {
        System.Text.Json.Nodes.JsonObject spec = HardenedPod.Spec();
        HardenedPod.App(spec)["env"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["name"] = name, ["value"] = value });
        return PodRules.Check(spec);
    }
}
