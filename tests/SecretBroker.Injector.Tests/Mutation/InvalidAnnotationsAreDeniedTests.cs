using System.Text.Json.Nodes;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Mutation;

/// <summary>An annotation the injector cannot honour denies the pod with a message naming it, and no patch at all.</summary>
public sealed class InvalidAnnotationsAreDeniedTests
{
    [Theory]
    [InlineData("secretbroker.io/secrets-hf-token", "models:prod/hf", "annotation secretbroker.io/secrets-hf-token: unknown key")]
    [InlineData("secretbroker.io/inject-status", "pending", "annotation secretbroker.io/inject-status: is written by the injector")]
    [InlineData("injector.secretbroker.io/config", "backends: {}", "annotation injector.secretbroker.io/config: is written by the injector")]
    [InlineData("secretbroker.io/secret-hf-token", "prod/huggingface", "annotation secretbroker.io/secret-hf-token: expected \"<backend>:<id>[#key]\"")]
    [InlineData("secretbroker.io/secret-hf-token", "models:", "annotation secretbroker.io/secret-hf-token: expected \"<backend>:<id>[#key]\" (the id is empty)")]
    [InlineData("secretbroker.io/secret-hf-token", "models:prod/hf#", "annotation secretbroker.io/secret-hf-token: expected \"<backend>:<id>[#key]\" (the key after '#' is empty)")]
    [InlineData("secretbroker.io/secret-hf-token", "models:prod/hf#a#b", "annotation secretbroker.io/secret-hf-token: the id and key may not hold")]
    [InlineData("secretbroker.io/secret-hf-token", "models:prod/hf\ntoken", "annotation secretbroker.io/secret-hf-token: the id and key may not hold")]
    [InlineData("secretbroker.io/secret-hf-token", "Models:prod/hf", "annotation secretbroker.io/secret-hf-token: the backend name must match")]
    [InlineData("secretbroker.io/secret-hf-token", "vault:secret/hf", "annotation secretbroker.io/secret-hf-token: backend 'vault' is not one the injector knows (known: models)")]
    [InlineData("secretbroker.io/secret-HF", "models:prod/hf", "annotation secretbroker.io/secret-HF: the secret name must match")]
    [InlineData("secretbroker.io/config", "other-namespace/secrets", "annotation secretbroker.io/config: names a ConfigMap in another namespace")]
    [InlineData("secretbroker.io/inject", "yes", "annotation secretbroker.io/inject: must be \"true\" or \"false\"")]
    [InlineData("secretbroker.io/containers", "vllm,,sidecar", "annotation secretbroker.io/containers: expected a comma-separated list")]
    [InlineData("secretbroker.io/containers", "vllm,worker", "annotation secretbroker.io/containers: the pod has no container 'worker'")]
    public void The_pod_is_denied_and_the_message_names_the_annotation(string key, string value, string expected)
    {
        JsonObject review = Fixture.Load(Fixture.Deployment);
        Fixture.Annotations(review)[key] = value;

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.False(answer.Allowed);
        Assert.Null(answer.Patch);
        Assert.Contains(expected, answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configmap_and_generated_secrets_together_are_denied()
    {
        JsonObject review = Fixture.Load(Fixture.Deployment);
        Fixture.Annotations(review)["secretbroker.io/config"] = "vllm-secrets";

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.False(answer.Allowed);
        Assert.Contains("annotation secretbroker.io/config: cannot be combined with secret-<name> annotations", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_alone_with_neither_a_configmap_nor_a_secret_is_denied()
    {
        JsonObject review = Fixture.Load(Fixture.Job);
        Fixture.Annotations(review).Remove("secretbroker.io/secret-openai-key");

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.False(answer.Allowed);
        Assert.Contains("needs secretbroker.io/config (a ConfigMap) or at least one secretbroker.io/secret-<name>", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_backends_file_a_generated_secret_is_denied_and_says_how_to_fix_it()
    {
        InjectorUnderTest.Answer answer = new InjectorUnderTest(backendsYaml: null).Review(Fixture.Load(Fixture.Job));

        Assert.False(answer.Allowed);
        Assert.Contains("backend 'models' is not one the injector knows (none: start the injector with --backends, or use secretbroker.io/config)", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_named_in_one_denial()
    {
        JsonObject review = Fixture.Load(Fixture.Deployment);
        Fixture.Annotations(review)["secretbroker.io/typo"] = "x";
        Fixture.Annotations(review)["secretbroker.io/secret-db-password"] = "nobackend";

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.Contains("secretbroker.io/typo", answer.Message, StringComparison.Ordinal);
        Assert.Contains("secretbroker.io/secret-db-password", answer.Message, StringComparison.Ordinal);
    }
}
