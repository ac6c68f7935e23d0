using System.Text.Json.Nodes;
using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Deploy.Tests.Manifests;

/// <summary>No ingress; egress to DNS and HTTPS only (and, with Pod Identity, the agent's link-local address; with Vault, its pods' port 8200).</summary>
public sealed class TheNetworkPolicyAllowsOnlyTheBackend
{
    [Theory]
    [MemberData(nameof(RenderedManifests.Deploy), MemberType = typeof(RenderedManifests))]
    public async Task Selects_the_pod_and_denies_ingress(string name)
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync(name);
        JsonObject policy = rendering.Single("NetworkPolicy")["spec"]!.AsObject();
        JsonObject podLabels = RenderedPod.Of(rendering).Template["metadata"]!["labels"]!.AsObject();

        foreach ((string key, JsonNode? value) in policy["podSelector"]!["matchLabels"]!.AsObject())
        {
            Assert.Equal((string?)value, (string?)podLabels[key]);
        }

        Assert.Equal(["Ingress", "Egress"], RenderedPod.Strings(policy["policyTypes"]));
        Assert.Empty(policy["ingress"]?.AsArray() ?? []);
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Deploy), MemberType = typeof(RenderedManifests))]
    public async Task Egress_is_DNS_HTTPS_and_at_most_the_Pod_Identity_agent_or_Vault(string name)
    {
        JsonObject policy = (await RenderedManifests.RenderAsync(name)).Single("NetworkPolicy")["spec"]!.AsObject();

        foreach (JsonObject rule in policy["egress"]!.AsArray().OfType<JsonObject>())
        {
            long[] ports = [.. rule["ports"]!.AsArray().Select(p => p!["port"]!.GetValue<long>())];
            JsonObject[] peers = [.. rule["to"]!.AsArray().OfType<JsonObject>()];
            if (ports.All(p => p == 53))
            {
                Assert.All(peers, p => Assert.Equal("kube-dns", (string?)p["podSelector"]!["matchLabels"]!["k8s-app"]));
            }
            else if (ports.SequenceEqual([443L]))
            {
                Assert.All(peers, p => Assert.NotNull(p["ipBlock"]));
            }
            else if (ports.SequenceEqual([8200L]))
            {
                // The Vault component: Vault's port, to the Vault pods only, never an address block.
                JsonObject peer = Assert.Single(peers);
                Assert.Equal("vault", (string?)peer["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]);
                Assert.Equal("vault", (string?)peer["podSelector"]!["matchLabels"]!["app.kubernetes.io/name"]);
            }
            else
            {
                Assert.Equal([80L], ports);
                Assert.Equal(["169.254.170.23/32", "fd00:ec2::23/128"], peers.Select(p => (string)p["ipBlock"]!["cidr"]!));
            }
        }
    }

    [Fact]
    public async Task Only_Pod_Identity_opens_the_agent()
    {
        static bool OpensAgent(RenderedManifests.Rendering r) =>
            r.Single("NetworkPolicy")["spec"]!["egress"]!.ToJsonString().Contains("169.254.170.23", StringComparison.Ordinal);

        Assert.True(OpensAgent(await RenderedManifests.RenderAsync("overlays/pod-identity-example")));
        Assert.False(OpensAgent(await RenderedManifests.RenderAsync("overlays/irsa-example")));
        Assert.False(OpensAgent(await RenderedManifests.RenderAsync("base")));
    }
}
