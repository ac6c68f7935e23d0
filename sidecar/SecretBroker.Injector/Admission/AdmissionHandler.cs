using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SecretBroker.Injector.Diagnostics;
using SecretBroker.Injector.Mutation;

namespace SecretBroker.Injector.Admission;

/// <summary>
/// One AdmissionReview in, one out. A review it cannot answer (not JSON, not <c>admission.k8s.io/v1</c>, no uid) is
/// rejected with HTTP 400 and a plain message; a review it can answer is always answered, allowed or denied. Logs name
/// the pod and the outcome, never its env or spec.
/// </summary>
internal sealed class AdmissionHandler(PodMutator mutator, ILogger<AdmissionHandler> logger)
{
    /// <summary>The API server's own limit on a request body; anything larger is not from it.</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    public AdmissionAnswer Handle(ReadOnlySpan<byte> body)
    {
        AdmissionReview? review;
        try
        {
            review = JsonSerializer.Deserialize(body, InjectorJsonContext.Default.AdmissionReview);
        }
        catch (JsonException e)
        {
            return Reject($"the body is not an AdmissionReview (JSON: {e.Message})");
        }

        if (review is null || review.Kind != "AdmissionReview" || review.ApiVersion != AdmissionReview.V1)
        {
            return Reject($"only {AdmissionReview.V1} AdmissionReview is supported (got apiVersion '{review?.ApiVersion}', kind '{review?.Kind}'); list only v1 in the webhook's admissionReviewVersions");
        }

        if (review.Request is not { Uid: { Length: > 0 } uid } request)
        {
            return Reject("the AdmissionReview has no request.uid");
        }

        AdmissionResponse response = Decide(request);
        response.Uid = uid;
        AdmissionReview answer = new() { ApiVersion = AdmissionReview.V1, Kind = "AdmissionReview", Response = response };
        return new AdmissionAnswer(200, JsonSerializer.SerializeToUtf8Bytes(answer, InjectorJsonContext.Default.AdmissionReview), "application/json");
    }

    private AdmissionResponse Decide(AdmissionRequest request)
    {
        string target = $"{request.Namespace}/{request.Name}";
        bool isPod = request.Kind is { Group: "" or null, Version: "v1", Kind: "Pod" } && request.Resource?.Resource is "pods" or null;
        if (!isPod)
        {
            string kind = $"{request.Kind?.Group}/{request.Kind?.Version} {request.Kind?.Kind}".TrimStart('/');
            Log.NotAPod(logger, request.Uid!, kind);
            return Deny($"secretbroker-injector mutates Pods only, not {kind}: check the webhook's rules");
        }

        if (request.Operation != "CREATE" || !string.IsNullOrEmpty(request.SubResource))
        {
            Log.Admitted(logger, request.Uid!, target, MutationOutcome.NotRequested);
            return new AdmissionResponse { Allowed = true };
        }

        if (!AsksForInjection(request.Object, mutator.Settings.HonorVaultAnnotations))
        {
            // Decided on the raw annotations, before the pod model is read: a pod that did not opt in is never judged.
            Log.Admitted(logger, request.Uid!, target, MutationOutcome.NotRequested);
            return new AdmissionResponse { Allowed = true };
        }

        V1Pod? pod = null;
        try
        {
            pod = request.Object is { ValueKind: JsonValueKind.Object } element ? KubernetesJson.Deserialize<V1Pod>(element.GetRawText()) : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException or InvalidOperationException or ArgumentException or OverflowException)
        {
            // The model's converters throw these on a field of the wrong shape. Their messages may quote the pod's text
            // (an env value): say only that it is not a pod.
        }

        if (pod is null)
        {
            Log.NotAPod(logger, request.Uid!, "an unreadable object");
            return Deny("request.object is not a readable Pod");
        }

        target = $"{request.Namespace}/{pod.Metadata?.Name ?? pod.Metadata?.GenerateName ?? request.Name}";
        MutationResult result;
        try
        {
            result = mutator.Mutate(pod);
        }
#pragma warning disable CA1031 // A bug of ours must deny this one pod with an answer, never drop the request or half-patch.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.MutationFailed(logger, request.Uid!, target, e.GetType().Name);
            return Deny("secretbroker-injector could not build the patch (an injector bug; its log has the request uid)");
        }

        if (result.Outcome == MutationOutcome.Denied)
        {
            Log.Denied(logger, request.Uid!, target, result.Message!);
            return Deny(result.Message!);
        }

        Log.Admitted(logger, request.Uid!, target, result.Outcome);
        return result.Patch is null
            ? new AdmissionResponse { Allowed = true }
            : new AdmissionResponse { Allowed = true, PatchType = "JSONPatch", Patch = result.Patch, Warnings = result.Warnings.Count > 0 ? result.Warnings : null };
    }

    /// <summary>
    /// False when <c>secretbroker.io/inject</c> is absent or <c>"false"</c> (the same rule as the annotation reader) and,
    /// with <paramref name="vault"/>, no Vault injector's <c>agent-inject</c> asks for one (the Vault reader's rule).
    /// </summary>
    private static bool AsksForInjection(JsonElement? pod, bool vault)
    {
        if (pod is not { ValueKind: JsonValueKind.Object } element)
        {
            return true; // not an object: let the model reading below deny it
        }

        if (!element.TryGetProperty("metadata", out JsonElement metadata) || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty("annotations", out JsonElement annotations) || annotations.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (!annotations.TryGetProperty(InjectorLayout.AnnotationPrefix + "inject", out JsonElement inject))
        {
            return vault && VaultAnnotationReader.RequestingPrefix(key =>
                annotations.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null) is not null;
        }

        return !(inject.ValueKind == JsonValueKind.String && inject.ValueEquals("false"));
    }

    private static AdmissionResponse Deny(string message) =>
        new() { Allowed = false, Status = new AdmissionStatus { Code = 400, Message = message } };

    private AdmissionAnswer Reject(string message)
    {
        Log.Rejected(logger, message);
        return new AdmissionAnswer(400, System.Text.Encoding.UTF8.GetBytes(message + "\n"), "text/plain; charset=utf-8");
    }
}
