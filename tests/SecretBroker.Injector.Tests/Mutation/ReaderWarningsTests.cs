using System.Text.Json.Nodes;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Mutation;

/// <summary>A pod that could not read its secrets as injected is admitted with warnings that say what to set.</summary>
public sealed class ReaderWarningsTests
{
    [Fact]
    public void A_pod_without_fs_group_or_run_as_user_is_warned_about_both()
    {
        JsonObject review = Fixture.Load(Fixture.Job);
        JsonObject spec = Fixture.Pod(review)["spec"]!.AsObject();
        spec["containers"]![0]!["securityContext"]!.AsObject().Remove("runAsUser");

        JsonObject answer = Respond(review);

        string[] warnings = [.. answer["warnings"]!.AsArray().Select(static w => (string)w!)];
        Assert.Equal(2, warnings.Length);
        Assert.Contains("spec.securityContext.fsGroup is not set", warnings[0], StringComparison.Ordinal);
        Assert.Contains("no runAsUser for embed", warnings[1], StringComparison.Ordinal);
        Assert.True((bool)answer["allowed"]!);
    }

    [Fact]
    public void A_pod_with_fs_group_and_run_as_user_gets_no_warning()
    {
        Assert.Null(Respond(Fixture.Load(Fixture.Deployment))["warnings"]);
    }

    private static JsonObject Respond(JsonObject review)
    {
        InjectorUnderTest injector = new();
        byte[] body = System.Text.Encoding.UTF8.GetBytes(review.ToJsonString());
        return JsonNode.Parse(injector.Handler.Handle(body).Body)!["response"]!.AsObject();
    }
}
