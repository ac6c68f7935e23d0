using System.Text.Json.Nodes;

namespace SecretBroker.Deploy.Tests.Kubernetes;

/// <summary>A pod spec that passes every rule: the shape of the base (a native sidecar and an app), as JSON.</summary>
internal static class HardenedPod
{
    public static JsonObject Spec() => JsonNode.Parse("""
        {
          "automountServiceAccountToken": false,
          "securityContext": {
            "runAsNonRoot": true, "runAsUser": 65532, "runAsGroup": 65532, "fsGroup": 65532,
            "seccompProfile": { "type": "RuntimeDefault" }
          },
          "initContainers": [{
            "name": "secretbroker", "image": "secretbroker", "restartPolicy": "Always",
            "env": [
              { "name": "AWS_WEB_IDENTITY_TOKEN_FILE", "value": "/var/run/secrets/eks.amazonaws.com/serviceaccount/token" },
              { "name": "AWS_ROLE_ARN", "value": "arn:aws:iam::111122223333:role/broker" },
              { "name": "SECRETBROKER_LOG_LEVEL", "value": "Information" }
            ],
            "startupProbe": { "exec": { "command": ["/secretbroker", "probe", "ready", "--socket", "/var/run/secretbroker/broker.sock"] } },
            "securityContext": {
              "allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true, "capabilities": { "drop": ["ALL"] }
            },
            "resources": { "requests": { "cpu": "10m", "memory": "24Mi" }, "limits": { "memory": "48Mi" } }
          }],
          "containers": [{
            "name": "app", "image": "app",
            "env": [
              { "name": "HF_TOKEN_PATH", "value": "/var/run/secretbroker/secrets/hf-token" },
              { "name": "SECRETBROKER_SOCKET", "value": "/var/run/secretbroker/broker.sock" }
            ],
            "ports": [{ "containerPort": 8080 }],
            "readinessProbe": { "httpGet": { "path": "/", "port": 8080 } },
            "securityContext": {
              "allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
              "capabilities": { "drop": ["ALL"], "add": ["NET_BIND_SERVICE"] }
            },
            "resources": { "requests": { "cpu": "100m", "memory": "128Mi" }, "limits": { "memory": "256Mi" } }
          }],
          "volumes": [
            { "name": "secrets", "emptyDir": { "medium": "Memory", "sizeLimit": "8Mi" } },
            { "name": "config", "configMap": { "name": "secretbroker-config" } },
            { "name": "token", "projected": { "sources": [{ "serviceAccountToken": { "audience": "sts.amazonaws.com", "expirationSeconds": 3600, "path": "token" } }] } }
          ]
        }
        """)!.AsObject();

    /// <summary>The sidecar (first init container) of a spec.</summary>
    public static JsonObject Sidecar(JsonObject spec) => spec["initContainers"]![0]!.AsObject();

    /// <summary>The app (first container) of a spec.</summary>
    public static JsonObject App(JsonObject spec) => spec["containers"]![0]!.AsObject();
}
