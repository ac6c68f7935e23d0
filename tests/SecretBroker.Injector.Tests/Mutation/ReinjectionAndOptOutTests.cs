using System.Text.Json.Nodes;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Mutation;

/// <summary>Idempotence under reinvocationPolicy: IfNeeded, and pods that did not opt in are left exactly as they are.</summary>
public sealed class ReinjectionAndOptOutTests
{
    [Theory]
    [MemberData(nameof(Fixture.Names), MemberType = typeof(Fixture))]
    public void An_injected_pod_sent_again_is_allowed_unchanged(string fixture)
    {
        InjectorUnderTest injector = new();
        JsonObject review = Fixture.Load(fixture);
        JsonObject patched = injector.Review(review).PatchedPod!;

        review["request"]!["object"] = patched;
        InjectorUnderTest.Answer again = injector.Review(review);

        Assert.True(again.Allowed);
        Assert.Null(again.Patch);
        Assert.Contains("AlreadyInjected", injector.LogText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("false")]
    [InlineData(null)]
    public void A_pod_that_opts_out_or_never_opted_in_is_untouched_whatever_else_it_says(string? inject)
    {
        JsonObject review = Fixture.Load(Fixture.Deployment);
        JsonObject annotations = Fixture.Annotations(review);
        annotations.Remove("secretbroker.io/inject");
        if (inject is not null)
        {
            annotations["secretbroker.io/inject"] = inject;
        }

        annotations["secretbroker.io/no-such-key"] = "ignored when not injecting";
        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.True(answer.Allowed);
        Assert.Null(answer.Patch);
        Assert.Null(answer.Message);
    }

    [Fact]
    public void A_pod_without_annotations_is_untouched()
    {
        JsonObject review = Fixture.Load(Fixture.Job);
        Fixture.Pod(review)["metadata"]!.AsObject().Remove("annotations");

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.True(answer.Allowed);
        Assert.Null(answer.Patch);
    }
}
