using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Deploy.Tests.Manifests;

/// <summary>Each rendered object validates against the Kubernetes API schema, checked by kubernetes-models.</summary>
public sealed class RenderedObjectsPassTheKubernetesSchema
{
    [Theory]
    [MemberData(nameof(RenderedManifests.All), MemberType = typeof(RenderedManifests))]
    public async Task Every_object_of_the_rendering_is_valid(string name)
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync(name);

        Tool.Result result = await SchemaValidator.ValidateAsync(rendering.Yaml);

        Assert.True(result.ExitCode == SchemaValidator.Valid, $"{name}: the schema validator refused the rendering:\n{result.Output}");
        // One "ok" line per object: nothing was skipped.
        Assert.Equal(rendering.Objects.Count, result.Stdout.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
    }
}
