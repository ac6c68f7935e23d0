using System.Text.Json;

namespace SecretBroker.Injector.Admission;

// KubernetesClient.Aot 21.0.8 has no admission.k8s.io types (AdmissionReview is not in the API server's OpenAPI
// document its models are generated from), so only this envelope is hand-written; the pod inside is a V1Pod.

/// <summary>An <c>admission.k8s.io/v1</c> AdmissionReview, as the API server sends it and as the answer goes back.</summary>
internal sealed class AdmissionReview
{
    public const string V1 = "admission.k8s.io/v1";

    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public AdmissionRequest? Request { get; set; }

    public AdmissionResponse? Response { get; set; }
}

/// <summary>The <c>request</c> half: what is being admitted.</summary>
internal sealed class AdmissionRequest
{
    public string? Uid { get; set; }

    public GroupVersionKind? Kind { get; set; }

    public GroupVersionResource? Resource { get; set; }

    public string? SubResource { get; set; }

    public string? Name { get; set; }

    public string? Namespace { get; set; }

    public string? Operation { get; set; }

    public bool? DryRun { get; set; }

    public JsonElement? Object { get; set; }
}

/// <summary>The <c>response</c> half: allowed or denied, and the patch.</summary>
internal sealed class AdmissionResponse
{
    public string Uid { get; set; } = string.Empty;

    public bool Allowed { get; set; }

    /// <summary>Always <c>JSONPatch</c> when <see cref="Patch"/> is set.</summary>
    public string? PatchType { get; set; }

    /// <summary>The RFC 6902 patch; System.Text.Json writes a byte array as base64, which is what the API server expects.</summary>
    public byte[]? Patch { get; set; }

    public AdmissionStatus? Status { get; set; }

    /// <summary>Shown to the user who created the pod (kubectl prints them); the pod is still admitted.</summary>
    public IReadOnlyList<string>? Warnings { get; set; }
}

/// <summary>A denial's status: the message kubectl shows the user.</summary>
internal sealed class AdmissionStatus
{
    public int Code { get; set; }

    public string? Message { get; set; }
}

/// <summary><c>request.kind</c>.</summary>
internal sealed class GroupVersionKind
{
    public string? Group { get; set; }

    public string? Version { get; set; }

    public string? Kind { get; set; }
}

/// <summary><c>request.resource</c>.</summary>
internal sealed class GroupVersionResource
{
    public string? Group { get; set; }

    public string? Version { get; set; }

    public string? Resource { get; set; }
}
