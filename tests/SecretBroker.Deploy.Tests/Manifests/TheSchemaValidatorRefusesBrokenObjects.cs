using System.Text.Json.Nodes;
using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Deploy.Tests.Manifests;

/// <summary>The schema check is real: objects the API server would refuse are refused, with the validator's message.</summary>
public sealed class TheSchemaValidatorRefusesBrokenObjects
{
    [Fact]
    public async Task A_container_without_a_name()
    {
        Tool.Result result = await SchemaValidator.ValidateAsync("""
            apiVersion: v1
            kind: Pod
            metadata: { name: nameless }
            spec:
              containers:
                - image: busybox
            """);

        Assert.Equal(SchemaValidator.Invalid, result.ExitCode);
        Assert.Contains("invalid v1 Pod nameless: data/spec/containers/0 must have required property name", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type()
    {
        Tool.Result result = await SchemaValidator.ValidateAsync("""
            apiVersion: v1
            kind: Pod
            metadata: { name: typed }
            spec:
              containers:
                - name: app
                  image: busybox
                  ports: [{ containerPort: eighty }]
            """);

        Assert.Equal(SchemaValidator.Invalid, result.ExitCode);
        Assert.Contains("data/spec/containers/0/ports/0/containerPort must be integer", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_sidecar_inside_the_rendered_base()
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync("base");
        JsonObject deployment = (JsonObject)rendering.Single("Deployment").DeepClone();
        JsonObject sidecar = deployment["spec"]!["template"]!["spec"]!["initContainers"]![0]!.AsObject();
        sidecar.Remove("name");
        sidecar["startupProbe"]!["periodSeconds"] = "one";

        Tool.Result result = await SchemaValidator.ValidateAsync(deployment.ToJsonString());

        Assert.Equal(SchemaValidator.Invalid, result.ExitCode);
        Assert.Contains("data/spec/template/spec/initContainers/0 must have required property name", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("data/spec/template/spec/initContainers/0/startupProbe/periodSeconds must be integer", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kind_it_has_no_model_for_is_not_passed_silently()
    {
        Tool.Result result = await SchemaValidator.ValidateAsync("""
            apiVersion: example.com/v1
            kind: Widget
            metadata: { name: w }
            """);

        Assert.Equal(SchemaValidator.Unusable, result.ExitCode);
        Assert.Contains("no model for this apiVersion and kind", result.Stdout, StringComparison.Ordinal);
    }
}
