using System.Text.Json.Nodes;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Mutation;

/// <summary>Every fixture's patch applies with an independent JSON-Patch implementation and only adds to the pod.</summary>
public sealed class PatchAppliesCleanlyTests
{
    [Theory]
    [MemberData(nameof(Fixture.Names), MemberType = typeof(Fixture))]
    public void The_patch_applies_and_puts_the_native_sidecar_first_among_init_containers(string fixture)
    {
        JsonObject review = Fixture.Load(fixture);
        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.True(answer.Allowed, answer.Message);
        Assert.Equal((string?)review["request"]!["uid"], answer.Uid);
        JsonObject spec = answer.PatchedPod!["spec"]!.AsObject();
        JsonObject sidecar = spec["initContainers"]![0]!.AsObject();
        Assert.Equal("secretbroker", (string?)sidecar["name"]);
        Assert.Equal("Always", (string?)sidecar["restartPolicy"]);
        Assert.Equal(InjectorUnderTest.SidecarImage, (string?)sidecar["image"]);
        Assert.Equal(
            ["/secretbroker", "probe", "ready", "--socket", "/var/run/secretbroker/broker.sock", "--socket-uid", "65532"],
            sidecar["startupProbe"]!["exec"]!["command"]!.AsArray().Select(static n => (string)n!));
        Assert.Equal(["run", "--config", "/etc/secretbroker/secretbroker.yaml"], sidecar["args"]!.AsArray().Select(static n => (string)n!));
        Assert.NotNull(sidecar["resources"]!["requests"]!["memory"]);
        Assert.NotNull(sidecar["resources"]!["limits"]!["memory"]);

        JsonObject shared = Volume(spec, "secretbroker");
        Assert.Equal("Memory", (string?)shared["emptyDir"]!["medium"]);
        Assert.Equal("secretbroker", (string?)Volume(spec, "secretbroker-token")["projected"]!["sources"]![0]!["serviceAccountToken"]!["audience"]);
        Assert.Equal("injected", (string?)answer.PatchedPod["metadata"]!["annotations"]!["secretbroker.io/inject-status"]);
    }

    [Theory]
    [MemberData(nameof(Fixture.Names), MemberType = typeof(Fixture))]
    public void The_patch_only_adds_so_everything_the_pod_had_is_still_there_in_its_order(string fixture)
    {
        JsonObject review = Fixture.Load(fixture);
        JsonObject original = Fixture.Pod(review);
        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.All(answer.Patch!, static op => Assert.Equal("add", (string?)op!["op"]));
        JsonObject patched = answer.PatchedPod!;
        foreach (string list in new[] { "volumes", "initContainers", "containers" })
        {
            JsonArray before = original["spec"]![list]?.AsArray() ?? [];
            JsonArray after = patched["spec"]![list]!.AsArray();
            int offset = list == "initContainers" ? 1 : 0;
            for (int i = 0; i < before.Count; i++)
            {
                JsonObject was = before[i]!.AsObject();
                JsonObject now = after[i + offset]!.AsObject();
                Assert.Equal((string?)was["name"], (string?)now["name"]);
                foreach ((string key, JsonNode? value) in was)
                {
                    if (key is "env" or "volumeMounts")
                    {
                        // Appended to, never rewritten: the original entries lead, unchanged.
                        JsonArray grown = now[key]!.AsArray();
                        Assert.True(JsonNode.DeepEquals(value, new JsonArray([.. grown.Take(value!.AsArray().Count).Select(static n => n!.DeepClone())])), $"{list}[{i}].{key} changed");
                    }
                    else
                    {
                        Assert.True(JsonNode.DeepEquals(value, now[key]), $"{list}[{i}].{key} changed");
                    }
                }
            }
        }
    }

    private static JsonObject Volume(JsonObject spec, string name) =>
        spec["volumes"]!.AsArray().Single(v => (string?)v!["name"] == name)!.AsObject();
}
