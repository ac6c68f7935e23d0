using System.Text.Json.Nodes;

namespace SecretBroker.Injector.Tests.Infrastructure;

/// <summary>The Deployment fixture's pod annotated for the Vault Agent injector instead of secretbroker.io/.</summary>
internal static class VaultPods
{
    public const string Address = "https://vault.vault.svc:8200";

    /// <summary>The injector with --vault-annotations (and --vault-address when given).</summary>
    public static InjectorUnderTest Injector(string? vaultAddress = null) => new(vaultAnnotations: true, vaultAddress: vaultAddress);

    /// <summary>
    /// A review of a pod asking Vault Agent for a KV v2 secret and a dynamic database credential, with <paramref name="prefix"/>'s
    /// annotations (and a service annotation unless <paramref name="service"/> is false).
    /// </summary>
    public static JsonObject Review(string prefix = "vault.hashicorp.com/", bool service = true)
    {
        JsonObject review = Fixture.Load(Fixture.Deployment);
        JsonObject annotations = Fixture.Annotations(review);
        annotations.Clear();
        annotations[prefix + "agent-inject"] = "true";
        annotations[prefix + "role"] = "inference";
        annotations[prefix + "agent-inject-secret-config"] = "secret/data/inference/config";
        annotations[prefix + "agent-inject-secret-db-creds"] = "database/creds/inference";
        if (service)
        {
            annotations[prefix + "service"] = Address;
        }

        return review;
    }

    /// <summary>The config the injector wrote into the patched pod's annotation.</summary>
    public static string Config(JsonObject patched) => (string)patched["metadata"]!["annotations"]!["injector.secretbroker.io/config"]!;

    public static JsonObject Volume(JsonObject pod, string name) =>
        pod["spec"]!["volumes"]!.AsArray().Single(v => (string?)v!["name"] == name)!.AsObject();
}
