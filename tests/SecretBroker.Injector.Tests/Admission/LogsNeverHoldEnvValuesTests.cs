using System.Text.Json.Nodes;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Admission;

/// <summary>A canary placed in every env value of every fixture never reaches the log, whatever the outcome.</summary>
public sealed class LogsNeverHoldEnvValuesTests
{
    private const string Canary = "CANARY-7f3a9c1e-env-value";

    [Theory]
    [MemberData(nameof(Fixture.Names), MemberType = typeof(Fixture))]
    public void No_env_value_is_logged_when_injecting_denying_or_failing_to_read_the_pod(string fixture)
    {
        InjectorUnderTest injector = new();
        JsonObject review = WithCanaryEverywhere(Fixture.Load(fixture));

        Assert.True(injector.Review(review).Allowed);

        JsonObject denied = WithCanaryEverywhere(Fixture.Load(fixture));
        Fixture.Annotations(denied)["secretbroker.io/unknown"] = "x";
        Assert.False(injector.Review(denied).Allowed);

        JsonObject unreadable = WithCanaryEverywhere(Fixture.Load(fixture));
        Fixture.Pod(unreadable)["spec"]!["containers"]![0]!["env"]!.AsArray().Add(JsonValue.Create(Canary));
        Assert.False(injector.Review(unreadable).Allowed);

        Assert.Equal(3, injector.Logs.Count);
        Assert.DoesNotContain(Canary, injector.LogText, StringComparison.Ordinal);
    }

    private static JsonObject WithCanaryEverywhere(JsonObject review)
    {
        JsonObject spec = Fixture.Pod(review)["spec"]!.AsObject();
        foreach (JsonNode? container in (spec["containers"]?.AsArray() ?? []).Concat(spec["initContainers"]?.AsArray() ?? []))
        {
            JsonArray env = container!["env"]?.AsArray() ?? [];
            container["env"] = env;
            foreach (JsonNode? variable in env)
            {
                variable!["value"] = Canary;
            }

            env.Add(new JsonObject { ["name"] = "CANARY", ["value"] = Canary });
        }

        return review;
    }
}
