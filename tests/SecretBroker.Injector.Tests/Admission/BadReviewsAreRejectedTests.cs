using System.Text;
using System.Text.Json.Nodes;
using SecretBroker.Injector.Tests.Infrastructure;

namespace SecretBroker.Injector.Tests.Admission;

/// <summary>Input the injector cannot or should not mutate gets a clear answer: never a crash, never a half patch.</summary>
public sealed class BadReviewsAreRejectedTests
{
    [Theory]
    [InlineData("admission.k8s.io/v1beta1")]
    [InlineData("admission.k8s.io/v2")]
    public void A_review_that_is_not_v1_is_rejected_with_400_saying_which_version_is_served(string apiVersion)
    {
        JsonObject review = Fixture.Load(Fixture.Deployment);
        review["apiVersion"] = apiVersion;

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.Equal(400, answer.StatusCode);
        Assert.Contains($"only admission.k8s.io/v1 AdmissionReview is supported (got apiVersion '{apiVersion}'", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":7}}")]
    [InlineData("")]
    public void A_body_that_is_not_a_v1_review_with_a_uid_is_rejected_with_400(string body)
    {
        InjectorUnderTest injector = new();

        InjectorUnderTest.Answer answer = injector.Send(Encoding.UTF8.GetBytes(body), null);

        Assert.Equal(400, answer.StatusCode);
        Assert.NotEmpty(answer.Body);
    }

    [Fact]
    public void A_non_pod_object_is_denied_naming_its_kind()
    {
        JsonObject review = Fixture.Load(Fixture.Deployment);
        JsonObject request = review["request"]!.AsObject();
        request["kind"] = new JsonObject { ["group"] = "apps", ["version"] = "v1", ["kind"] = "Deployment" };
        request["resource"] = new JsonObject { ["group"] = "apps", ["version"] = "v1", ["resource"] = "deployments" };

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.False(answer.Allowed);
        Assert.Null(answer.Patch);
        Assert.Contains("mutates Pods only, not apps/v1 Deployment", answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"a string\"")]
    [InlineData("{\"spec\":{\"containers\":\"not a list\"}}")]
    [InlineData("null")]
    [InlineData("{\"spec\":{\"containers\":[{\"name\":\"a\",\"ports\":[{\"containerPort\":\"http\"}]}]}}")]
    [InlineData("{\"spec\":{\"containers\":[{\"name\":\"a\",\"ports\":[{\"containerPort\":99999999999}]}]}}")]
    [InlineData("{\"spec\":{\"containers\":[{\"name\":\"a\",\"livenessProbe\":{\"httpGet\":{\"port\":[1]}}}]}}")]
    public void An_object_that_is_not_a_readable_pod_is_denied(string json)
    {
        JsonObject review = Fixture.Load(Fixture.Deployment);
        JsonNode? pod = JsonNode.Parse(json);
        if (pod is JsonObject asking)
        {
            // Opted in: a pod that did not ask is allowed untouched before its model is read (a test below).
            asking["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["secretbroker.io/inject"] = "true" } };
        }

        review["request"]!["object"] = pod;

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.False(answer.Allowed);
        Assert.Null(answer.Patch);
        Assert.Contains("request.object is not a readable Pod", answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"resources\":{\"limits\":{\"memory\":\"lots\"}}}")]
    [InlineData("{\"resources\":{\"limits\":{\"memory\":\"1e999999\"}}}")]
    [InlineData("{\"ports\":[{\"containerPort\":-1}]}")]
    [InlineData("{\"livenessProbe\":{\"httpGet\":{\"port\":{}}}}")]
    [InlineData("{\"env\":[{\"name\":null}]}")]
    [InlineData("{\"env\":\"PATH=/bin\"}")]
    [InlineData("{\"volumeMounts\":[{\"name\":\"x\"}]}")]
    [InlineData("{\"name\":null}")]
    public void A_pod_with_odd_fields_gets_an_answer_and_never_a_crash(string containerFields)
    {
        JsonObject review = Fixture.Load(Fixture.Job);
        JsonObject container = Fixture.Pod(review)["spec"]!["containers"]![0]!.AsObject();
        foreach ((string key, JsonNode? value) in JsonNode.Parse(containerFields)!.AsObject())
        {
            container[key] = value?.DeepClone();
        }

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.Equal(200, answer.StatusCode);
        Assert.NotNull(answer.Allowed);
        Assert.DoesNotContain("injector bug", answer.Message ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pod_with_an_unreadable_timestamp_gets_an_answer_and_never_a_crash()
    {
        JsonObject review = Fixture.Load(Fixture.Job);
        Fixture.Pod(review)["metadata"]!["creationTimestamp"] = "yesterday";

        Assert.Equal(200, new InjectorUnderTest().Review(review).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public void A_pod_that_did_not_opt_in_is_untouched_even_with_a_field_the_model_cannot_read(string? inject)
    {
        JsonObject review = Fixture.Load(Fixture.Job);
        JsonObject pod = Fixture.Pod(review);
        pod["spec"]!["containers"]![0]!["livenessProbe"] = JsonNode.Parse("{\"httpGet\":{\"port\":[1]}}");
        Fixture.Annotations(review).Remove("secretbroker.io/inject");
        if (inject is not null)
        {
            Fixture.Annotations(review)["secretbroker.io/inject"] = inject;
        }

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.True(answer.Allowed);
        Assert.Null(answer.Patch);
    }

    [Theory]
    [InlineData("UPDATE", null)]
    [InlineData("CREATE", "ephemeralcontainers")]
    public void Anything_but_creating_a_pod_is_allowed_unchanged(string operation, string? subResource)
    {
        JsonObject review = Fixture.Load(Fixture.Deployment);
        review["request"]!["operation"] = operation;
        if (subResource is not null)
        {
            review["request"]!["subResource"] = subResource;
        }

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.True(answer.Allowed);
        Assert.Null(answer.Patch);
    }

    [Fact]
    public void A_pod_without_containers_is_denied_not_crashed_on()
    {
        JsonObject review = Fixture.Load(Fixture.Job);
        Fixture.Pod(review)["spec"]!.AsObject().Remove("containers");

        InjectorUnderTest.Answer answer = new InjectorUnderTest().Review(review);

        Assert.False(answer.Allowed);
        Assert.Contains("the pod has no containers", answer.Message, StringComparison.Ordinal);
    }
}
