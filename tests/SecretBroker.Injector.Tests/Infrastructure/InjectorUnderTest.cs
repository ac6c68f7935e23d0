using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;
using Microsoft.Extensions.Logging.Testing;
using SecretBroker.Injector.Admission;
using SecretBroker.Injector.Mutation;

namespace SecretBroker.Injector.Tests.Infrastructure;

/// <summary>
/// The admission handler with the settings the tests share, and the answer decoded the way the API server would: the
/// base64 patch applied to the submitted pod by a JSON-Patch implementation we did not write
/// (Microsoft.AspNetCore.JsonPatch.SystemTextJson, strict about missing parents and out-of-range indexes).
/// </summary>
internal sealed class InjectorUnderTest
{
    public const string SidecarImage = "ghcr.io/secretbroker/secretbroker:0.1.0";
    public const string BackendsYaml = "backends:\n  models: { type: aws-secrets-manager, region: us-west-2 }\n";

    public InjectorUnderTest(
        string? backendsYaml = BackendsYaml, string azureAuthorityHost = InjectorSettings.DefaultAzureAuthorityHost, bool vaultAnnotations = false, string? vaultAddress = null)
    {
        BackendCatalog backends = backendsYaml is null ? BackendCatalog.Empty : BackendCatalog.Parse(backendsYaml, "backends.yaml");
        Settings = new InjectorSettings(SidecarImage, "secretbroker", backends, azureAuthorityHost) { HonorVaultAnnotations = vaultAnnotations, VaultAddress = vaultAddress };
        Handler = new AdmissionHandler(new PodMutator(Settings), new FakeLogger<AdmissionHandler>(Logs));
    }

    public InjectorSettings Settings { get; }

    public FakeLogCollector Logs { get; } = new();

    public AdmissionHandler Handler { get; }

    /// <summary>Everything logged so far, message and structured state, as one text to scan.</summary>
    public string LogText => string.Join('\n', Logs.GetSnapshot().Select(static r =>
        r.Message + " " + string.Join(' ', (r.StructuredState ?? []).Select(static kv => kv.Key + "=" + kv.Value))));

    public Answer Review(JsonObject review) => Send(Encoding.UTF8.GetBytes(review.ToJsonString()), review["request"]?["object"] as JsonObject);

    public Answer Send(byte[] body, JsonObject? pod)
    {
        AdmissionAnswer raw = Handler.Handle(body);
        if (raw.StatusCode != 200)
        {
            return new Answer(raw.StatusCode, Encoding.UTF8.GetString(raw.Body), null, null, null, null, null, []);
        }

        JsonObject response = JsonNode.Parse(raw.Body)!.AsObject();
        Assert.Equal("admission.k8s.io/v1", (string?)response["apiVersion"]);
        Assert.Equal("AdmissionReview", (string?)response["kind"]);
        JsonObject inner = response["response"]!.AsObject();
        bool allowed = (bool)inner["allowed"]!;
        string? message = (string?)inner["status"]?["message"];
        JsonArray? patch = null;
        JsonObject? patched = null;
        if (inner["patch"] is { } encoded)
        {
            Assert.Equal("JSONPatch", (string?)inner["patchType"]);
            byte[] bytes = Convert.FromBase64String((string)encoded!);
            patch = JsonNode.Parse(bytes)!.AsArray();
            patched = Apply(bytes, pod!);
        }

        string[] warnings = [.. (inner["warnings"]?.AsArray() ?? []).Select(static w => (string)w!)];
        return new Answer(200, string.Empty, (string?)inner["uid"], allowed, message, patch, patched, warnings);
    }

    /// <summary>Applies the patch to a copy of the pod with the independent implementation; throws when it does not apply.</summary>
    public static JsonObject Apply(byte[] patch, JsonObject pod)
    {
        JsonPatchDocument document = JsonSerializer.Deserialize<JsonPatchDocument>(patch)!;
        JsonObject copy = pod.DeepClone().AsObject();
        document.ApplyTo(copy);
        return copy;
    }

    /// <summary>One decoded answer; a review rejected at the HTTP level has only a status code and a text body.</summary>
    internal sealed record Answer(int StatusCode, string Body, string? Uid, bool? Allowed, string? Message, JsonArray? Patch, JsonObject? PatchedPod, IReadOnlyList<string> Warnings);
}
