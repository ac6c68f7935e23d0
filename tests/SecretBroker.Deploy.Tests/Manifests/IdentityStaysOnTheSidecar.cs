using System.Text.Json.Nodes;
using SecretBroker.Deploy.Tests.Infrastructure;

namespace SecretBroker.Deploy.Tests.Manifests;

/// <summary>
/// The identity components give the sidecar a projected token for the right audience and the variables its backend
/// reads (AWS or Azure), and give the app nothing: no AWS or Azure variable, no token mount, and the platform's webhook
/// (EKS, Azure workload identity) told to skip every container.
/// </summary>
public sealed class IdentityStaysOnTheSidecar
{
    [Fact]
    public async Task IRSA_projects_an_sts_token_and_names_the_role_of_the_service_account()
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync("overlays/irsa-example");
        RenderedPod pod = RenderedPod.Of(rendering);

        JsonObject token = ProjectedToken(pod, "aws-iam-token");
        Assert.Equal("sts.amazonaws.com", (string?)token["audience"]);
        Assert.InRange(token["expirationSeconds"]!.GetValue<long>(), 600, 86400);
        Assert.Equal(MountedFile(pod, "aws-iam-token", (string)token["path"]!), RenderedPod.Env(pod.Sidecar, "AWS_WEB_IDENTITY_TOKEN_FILE"));

        string roleArn = (string)rendering.Single("ServiceAccount")["metadata"]!["annotations"]!["eks.amazonaws.com/role-arn"]!;
        Assert.Equal("arn:aws:iam::111122223333:role/inference-secrets", roleArn);
        Assert.Equal(roleArn, RenderedPod.Env(pod.Sidecar, "AWS_ROLE_ARN"));
        Assert.Equal("us-west-2", RenderedPod.Env(pod.Sidecar, "AWS_REGION"));
    }

    [Fact]
    public async Task Pod_Identity_projects_a_pods_token_and_points_at_the_agent()
    {
        RenderedPod pod = RenderedPod.Of(await RenderedManifests.RenderAsync("overlays/pod-identity-example"));

        JsonObject token = ProjectedToken(pod, "eks-pod-identity-token");
        Assert.Equal("pods.eks.amazonaws.com", (string?)token["audience"]);
        Assert.InRange(token["expirationSeconds"]!.GetValue<long>(), 600, 86400);
        Assert.Equal(MountedFile(pod, "eks-pod-identity-token", (string)token["path"]!), RenderedPod.Env(pod.Sidecar, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
        Assert.Equal("http://169.254.170.23/v1/credentials", RenderedPod.Env(pod.Sidecar, "AWS_CONTAINER_CREDENTIALS_FULL_URI"));
        Assert.Equal("us-west-2", RenderedPod.Env(pod.Sidecar, "AWS_REGION"));
        Assert.DoesNotContain("AWS_ROLE_ARN", RenderedPod.EnvNames(pod.Sidecar));
    }

    [Fact]
    public async Task Azure_workload_identity_projects_an_entra_token_and_names_the_ids_of_the_service_account()
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync("overlays/azure-example");
        RenderedPod pod = RenderedPod.Of(rendering);

        JsonObject token = ProjectedToken(pod, "azure-identity-token");
        Assert.Equal("api://AzureADTokenExchange", (string?)token["audience"]);
        Assert.Equal(3600, token["expirationSeconds"]!.GetValue<long>());
        Assert.Equal("/var/run/secrets/azure/tokens/azure-identity-token", MountedFile(pod, "azure-identity-token", (string)token["path"]!));
        Assert.Equal(MountedFile(pod, "azure-identity-token", (string)token["path"]!), RenderedPod.Env(pod.Sidecar, "AZURE_FEDERATED_TOKEN_FILE"));
        Assert.Equal("https://login.microsoftonline.com/", RenderedPod.Env(pod.Sidecar, "AZURE_AUTHORITY_HOST"));

        JsonObject annotations = rendering.Single("ServiceAccount")["metadata"]!["annotations"]!.AsObject();
        string clientId = (string)annotations["azure.workload.identity/client-id"]!;
        string tenantId = (string)annotations["azure.workload.identity/tenant-id"]!;
        Assert.Equal("6e2b1a4c-3d5f-4e7a-9b8c-0d1e2f3a4b5c", clientId);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", tenantId);
        Assert.Equal(clientId, RenderedPod.Env(pod.Sidecar, "AZURE_CLIENT_ID"));
        Assert.Equal(tenantId, RenderedPod.Env(pod.Sidecar, "AZURE_TENANT_ID"));
        Assert.DoesNotContain(RenderedPod.EnvNames(pod.Sidecar), n => n.StartsWith("AWS_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Vault_projects_a_token_for_the_audience_vault_that_the_config_logs_in_with()
    {
        RenderedManifests.Rendering rendering = await RenderedManifests.RenderAsync("overlays/vault-example");
        RenderedPod pod = RenderedPod.Of(rendering);

        JsonObject token = ProjectedToken(pod, "vault-token");
        Assert.Equal("vault", (string?)token["audience"]);
        Assert.InRange(token["expirationSeconds"]!.GetValue<long>(), 600, 86400);
        JsonObject vault = SidecarConfig.Of(rendering).Root["backends"]!["vault"]!.AsObject();
        Assert.Equal("vault", (string?)vault["type"]);
        Assert.Equal(MountedFile(pod, "vault-token", (string)token["path"]!), (string?)vault["auth"]!["tokenFile"]);
        Assert.StartsWith("https://", (string?)vault["address"], StringComparison.Ordinal);

        // The Vault Agent injector (and OpenBao's) must add no second agent to a pod the sidecar serves.
        JsonObject annotations = pod.Template["metadata"]!["annotations"]!.AsObject();
        Assert.Equal("false", (string?)annotations["vault.hashicorp.com/agent-inject"]);
        Assert.Equal("false", (string?)annotations["openbao.org/agent-inject"]);
        Assert.DoesNotContain(RenderedPod.EnvNames(pod.Sidecar), n => n.StartsWith("AWS_", StringComparison.Ordinal) || n.StartsWith("AZURE_", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Deploy), MemberType = typeof(RenderedManifests))]
    public async Task The_Azure_webhook_is_never_asked_in_and_told_to_skip_every_container(string name)
    {
        RenderedPod pod = RenderedPod.Of(await RenderedManifests.RenderAsync(name));

        // The label is what selects a pod for the Azure webhook, which then gives every container not skipped its
        // identity: the components provide the sidecar's token themselves and never set it.
        Assert.Null(pod.Template["metadata"]!["labels"]?["azure.workload.identity/use"]);
        if (RenderedPod.EnvNames(pod.Sidecar).All(n => !n.StartsWith("AZURE_", StringComparison.Ordinal)))
        {
            return; // no Azure identity here: nothing for the webhook to act on
        }

        string? skip = (string?)pod.Template["metadata"]!["annotations"]?["azure.workload.identity/skip-containers"];
        Assert.NotNull(skip);
        string[] skipped = skip.Split(';', StringSplitOptions.TrimEntries);   // the webhook's separator is ';'
        Assert.All(pod.InitContainers.Concat(pod.Others).Distinct().Select(c => (string)c["name"]!), n => Assert.Contains(n, skipped));
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Deploy), MemberType = typeof(RenderedManifests))]
    public async Task No_other_container_gets_an_AWS_variable_or_a_token(string name)
    {
        RenderedPod pod = RenderedPod.Of(await RenderedManifests.RenderAsync(name));
        string[] tokenVolumes = [.. (pod.Spec["volumes"] as JsonArray ?? []).OfType<JsonObject>().Where(v => v["projected"] is not null).Select(v => (string)v["name"]!)];

        foreach (JsonObject container in pod.Others)
        {
            Assert.DoesNotContain(RenderedPod.EnvNames(container), n => n.StartsWith("AWS_", StringComparison.Ordinal) || n.StartsWith("AZURE_", StringComparison.Ordinal));
            Assert.DoesNotContain(RenderedPod.Mounts(container), m => tokenVolumes.Contains((string)m["name"]!));
        }
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Deploy), MemberType = typeof(RenderedManifests))]
    public async Task The_EKS_webhook_is_told_to_skip_every_container(string name)
    {
        RenderedPod pod = RenderedPod.Of(await RenderedManifests.RenderAsync(name));
        if (RenderedPod.EnvNames(pod.Sidecar).All(n => !n.StartsWith("AWS_", StringComparison.Ordinal)))
        {
            return; // the base alone has no AWS identity: nothing for the webhook to act on
        }

        string? skip = (string?)pod.Template["metadata"]!["annotations"]?["eks.amazonaws.com/skip-containers"];
        Assert.NotNull(skip);
        string[] skipped = skip.Split(',', StringSplitOptions.TrimEntries);
        Assert.All(pod.InitContainers.Concat(pod.Others).Distinct().Select(c => (string)c["name"]!), n => Assert.Contains(n, skipped));
    }

    private static JsonObject ProjectedToken(RenderedPod pod, string volume)
        => Assert.Single(pod.Volume(volume)["projected"]!["sources"]!.AsArray())!["serviceAccountToken"]!.AsObject();

    private static string MountedFile(RenderedPod pod, string volume, string path)
    {
        JsonObject mount = RenderedPod.Mount(pod.Sidecar, volume)!;
        Assert.True(mount["readOnly"]!.GetValue<bool>());
        return $"{mount["mountPath"]}/{path}";
    }
}
