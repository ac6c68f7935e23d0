using System.Text.Json.Nodes;

namespace SecretBroker.Testing.Kubernetes;

/// <summary>Finds the pod (or pod template) inside a Kubernetes object, wherever its kind keeps it.</summary>
public static class PodTemplates
{
    /// <summary>
    /// The pod template of a workload (<c>{metadata, spec}</c>): the object itself for a Pod, <c>spec.template</c> for
    /// a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or PodTemplate's <c>template</c>, and
    /// <c>spec.jobTemplate.spec.template</c> for a CronJob. Null for objects that hold no pod.
    /// </summary>
    public static JsonObject? Find(JsonObject kubernetesObject)
    {
        ArgumentNullException.ThrowIfNull(kubernetesObject);
        return Json.String(kubernetesObject, "kind") switch
        {
            "Pod" => kubernetesObject,
            "PodTemplate" => Json.At(kubernetesObject, "template") as JsonObject,
            "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" or "ReplicationController"
                => Json.At(kubernetesObject, "spec", "template") as JsonObject,
            "CronJob" => Json.At(kubernetesObject, "spec", "jobTemplate", "spec", "template") as JsonObject,
            _ => null,
        };
    }
}
