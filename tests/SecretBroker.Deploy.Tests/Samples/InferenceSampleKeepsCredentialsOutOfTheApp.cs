using System.Text.Json.Nodes;
using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Deploy.Tests.Samples;

/// <summary>
/// samples/inference (rendered with kubectl kustomize; the schema, Pod Security and native-sidecar checks run over it
/// with every other kustomization): the inference container gets the two file paths and the container-credentials
/// pair and nothing that would hold or win over a credential, mounts the sidecar's volume read-only, and the variables
/// point where the sidecar's own config writes and listens.
/// </summary>
public sealed class InferenceSampleKeepsCredentialsOutOfTheApp
{
    // Set on the inference container, each a path or a URL, never a value.
    private static readonly string[] CredentialVariables =
        ["HF_TOKEN_PATH", "HF_HOME", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"];

    // Any of these would hold a credential or make the SDK skip the sidecar (web identity and keys come first).
    private static readonly string[] Forbidden =
    [
        "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_PROFILE",
    ];

    [Fact]
    public async Task The_inference_container_has_only_paths_and_the_route()
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync("samples/inference");
        RenderedPod pod = RenderedPod.Of(rendering);
        JsonObject app = Assert.Single(pod.Others);
        IReadOnlyList<string> names = RenderedPod.EnvNames(app);

        Assert.All(CredentialVariables, n => Assert.Contains(n, names));
        Assert.All(Forbidden, n => Assert.DoesNotContain(n, names));
        Assert.DoesNotContain(names, n => n.StartsWith("AWS_", StringComparison.Ordinal) && !CredentialVariables.Contains(n));
        Assert.Null(app["envFrom"]);
        Assert.True(RenderedPod.Mount(app, "secretbroker")!["readOnly"]!.GetValue<bool>());
        Assert.Null(RenderedPod.Mount(app, "aws-iam-token"));
        // An IRSA annotation would make the EKS webhook inject AWS_ROLE_ARN into every container, the app's too.
        Assert.All(rendering.OfKind("ServiceAccount"), a => Assert.Null(a["metadata"]!["annotations"]?["eks.amazonaws.com/role-arn"]));
    }

    [Fact]
    public async Task The_variables_point_where_the_sidecar_writes_and_listens()
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync("samples/inference");
        RenderedPod pod = RenderedPod.Of(rendering);
        JsonObject app = Assert.Single(pod.Others);
        SidecarConfig config = SidecarConfig.Of(rendering);
        string mount = (string)RenderedPod.Mount(app, "secretbroker")!["mountPath"]!;
        Assert.StartsWith(mount + "/", config.FilesDir + "/", StringComparison.Ordinal);
        string secretName = (string)config.Root["secrets"]!.AsArray().Single(s => (string?)s!["profile"] == "huggingface")!["name"]!;
        string credentialSet = Assert.Single(config.Root["credentials"]!.AsObject()).Key;
        string listen = (string)config.Root["outputs"]!["http"]!["listen"]!;

        Assert.Equal($"{config.FilesDir}/{secretName}", RenderedPod.Env(app, "HF_TOKEN_PATH"));
        Assert.Equal($"{config.FilesDir}/hf", RenderedPod.Env(app, "HF_HOME"));
        Assert.Equal($"{config.FilesDir}/aws-credentials-token", RenderedPod.Env(app, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
        Assert.Equal($"http://{listen}/v1/credentials/aws/{credentialSet}", RenderedPod.Env(app, "AWS_CONTAINER_CREDENTIALS_FULL_URI"));
        Assert.StartsWith("127.0.0.1:", listen, StringComparison.Ordinal);
        Assert.Contains("AWS_ROLE_ARN", RenderedPod.EnvNames(pod.Sidecar));
    }
}
