using System.Text.Json.Nodes;

namespace SecretBroker.Deploy.Tests.Kubernetes;

/// <summary>One bad pod per rule: each must be refused with a message naming the container (or pod, or volume) and field.</summary>
public sealed class PodRulesRefuseEachViolation
{
    private static readonly Dictionary<string, (Action<JsonObject> Break, string Expected)> Cases = new()
    {
        // Pod Security baseline
        ["hostNetwork"] = (s => s["hostNetwork"] = true, "pod: spec.hostNetwork"),
        ["hostPID"] = (s => s["hostPID"] = true, "pod: spec.hostPID"),
        ["hostIPC"] = (s => s["hostIPC"] = true, "pod: spec.hostIPC"),
        ["privileged"] = (s => Context(App(s))["privileged"] = true, "container 'app': securityContext.privileged"),
        ["hostProcess"] = (s => Context(App(s))["windowsOptions"] = new JsonObject { ["hostProcess"] = true }, "container 'app': securityContext.windowsOptions.hostProcess"),
        ["pod hostProcess"] = (s => Pod(s)["windowsOptions"] = new JsonObject { ["hostProcess"] = true }, "pod: spec.securityContext.windowsOptions.hostProcess"),
        ["hostPort"] = (s => App(s)["ports"]![0]!["hostPort"] = 8080, "container 'app': ports[].hostPort"),
        ["procMount"] = (s => Context(Sidecar(s))["procMount"] = "Unmasked", "init container 'secretbroker': securityContext.procMount"),
        ["seLinux type"] = (s => Context(App(s))["seLinuxOptions"] = new JsonObject { ["type"] = "spc_t" }, "container 'app': securityContext.seLinuxOptions"),
        ["seLinux user"] = (s => Pod(s)["seLinuxOptions"] = new JsonObject { ["user"] = "system_u" }, "pod: spec.securityContext.seLinuxOptions"),
        ["seccomp unconfined"] = (s => Context(App(s))["seccompProfile"] = new JsonObject { ["type"] = "Unconfined" }, "container 'app': securityContext.seccompProfile.type"),
        ["pod seccomp unconfined"] = (s => Pod(s)["seccompProfile"] = new JsonObject { ["type"] = "Unconfined" }, "pod: spec.securityContext.seccompProfile.type"),
        ["appArmor unconfined"] = (s => Context(Sidecar(s))["appArmorProfile"] = new JsonObject { ["type"] = "Unconfined" }, "init container 'secretbroker': securityContext.appArmorProfile.type"),
        ["pod appArmor unconfined"] = (s => Pod(s)["appArmorProfile"] = new JsonObject { ["type"] = "Unconfined" }, "pod: spec.securityContext.appArmorProfile.type"),
        ["unsafe sysctl"] = (s => Pod(s)["sysctls"] = new JsonArray(new JsonObject { ["name"] = "kernel.msgmax", ["value"] = "1" }), "pod: spec.securityContext.sysctls: 'kernel.msgmax'"),
        ["probe host"] = (s => App(s)["readinessProbe"]!["httpGet"]!["host"] = "169.254.169.254", "container 'app': readinessProbe.httpGet.host"),
        ["lifecycle host"] = (s => App(s)["lifecycle"] = new JsonObject { ["preStop"] = new JsonObject { ["tcpSocket"] = new JsonObject { ["host"] = "10.0.0.1", ["port"] = 22 } } }, "container 'app': lifecycle.preStop.tcpSocket.host"),

        // Pod Security restricted
        ["hostPath volume"] = (s => Volumes(s).Add(new JsonObject { ["name"] = "node", ["hostPath"] = new JsonObject { ["path"] = "/" } }), "volume 'node': hostPath"),
        ["nfs volume"] = (s => Volumes(s).Add(new JsonObject { ["name"] = "share", ["nfs"] = new JsonObject { ["server"] = "nfs", ["path"] = "/" } }), "volume 'share': nfs"),
        ["privilege escalation unset"] = (s => Context(Sidecar(s)).Remove("allowPrivilegeEscalation"), "init container 'secretbroker': securityContext.allowPrivilegeEscalation"),
        ["privilege escalation true"] = (s => Context(App(s))["allowPrivilegeEscalation"] = true, "container 'app': securityContext.allowPrivilegeEscalation"),
        ["runAsNonRoot missing"] = (s => Pod(s).Remove("runAsNonRoot"), "container 'app': securityContext.runAsNonRoot"),
        ["runAsNonRoot false in a container"] = (s => Context(App(s))["runAsNonRoot"] = false, "container 'app': securityContext.runAsNonRoot"),
        ["runAsNonRoot false in the pod"] = (s => Pod(s)["runAsNonRoot"] = false, "pod: spec.securityContext.runAsNonRoot"),
        ["runAsUser 0"] = (s => Context(App(s))["runAsUser"] = 0, "container 'app': securityContext.runAsUser"),
        ["pod runAsUser 0"] = (s => Pod(s)["runAsUser"] = 0, "pod: spec.securityContext.runAsUser"),
        ["runAsGroup 0"] = (s => Context(Sidecar(s))["runAsGroup"] = 0, "init container 'secretbroker': securityContext.runAsGroup"),
        ["fsGroup 0"] = (s => Pod(s)["fsGroup"] = 0, "pod: spec.securityContext.fsGroup"),
        ["supplementalGroups 0"] = (s => Pod(s)["supplementalGroups"] = new JsonArray(1000, 0), "pod: spec.securityContext.supplementalGroups"),
        ["seccomp missing"] = (s => Pod(s).Remove("seccompProfile"), "init container 'secretbroker': securityContext.seccompProfile.type"),
        ["capabilities not dropped"] = (s => Context(App(s)).Remove("capabilities"), "container 'app': securityContext.capabilities.drop"),
        ["capability added"] = (s => Context(Sidecar(s))["capabilities"]!["add"] = new JsonArray("NET_RAW"), "init container 'secretbroker': securityContext.capabilities.add: 'NET_RAW'"),
        ["ephemeral container"] = (s => s["ephemeralContainers"] = new JsonArray(new JsonObject { ["name"] = "debug", ["image"] = "busybox" }), "ephemeral container 'debug': securityContext.allowPrivilegeEscalation"),

        // No secret in env
        ["secretKeyRef"] = (s => Env(App(s)).Add(Variable("HF_TOKEN", valueFrom: new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = "hf", ["key"] = "token" } })), "container 'app': env[HF_TOKEN].valueFrom.secretKeyRef"),
        ["envFrom secretRef"] = (s => App(s)["envFrom"] = new JsonArray(new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "db" } }), "container 'app': envFrom[].secretRef"),
        ["credential-named literal"] = (s => Env(Sidecar(s)).Add(Variable("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")), "init container 'secretbroker': env[AWS_SECRET_ACCESS_KEY].value"),
        ["session token literal"] = (s => Env(Sidecar(s)).Add(Variable("AWS_SESSION_TOKEN", "IQoJb3JpZ2luEXAMPLE")), "init container 'secretbroker': env[AWS_SESSION_TOKEN].value"),
        ["token-shaped value"] = (s => Env(App(s)).Add(Variable("MODEL_OPTIONS", "--token hf_abcdefghijklmnopqrstuvwxyz0123")), "container 'app': env[MODEL_OPTIONS].value"),
        ["access key id value"] = (s => Env(App(s)).Add(Variable("S3_ID", "AKIAIOSFODNN7EXAMPLE")), "container 'app': env[S3_ID].value"),
        ["jwt value"] = (s => Env(App(s)).Add(Variable("ID", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.sig")), "container 'app': env[ID].value"),

        // Our hardening
        ["automounted token"] = (s => s.Remove("automountServiceAccountToken"), "pod: spec.automountServiceAccountToken"),
        ["automounted token true"] = (s => s["automountServiceAccountToken"] = true, "pod: spec.automountServiceAccountToken"),
        ["cpu request missing"] = (s => App(s)["resources"]!["requests"]!.AsObject().Remove("cpu"), "container 'app': resources.requests.cpu"),
        ["memory request missing"] = (s => Sidecar(s)["resources"]!["requests"]!.AsObject().Remove("memory"), "init container 'secretbroker': resources.requests.memory"),
        ["memory limit missing"] = (s => Sidecar(s)["resources"]!.AsObject().Remove("limits"), "init container 'secretbroker': resources.limits.memory"),
        ["no resources"] = (s => App(s).Remove("resources"), "container 'app': resources.requests.cpu"),
        ["writable root filesystem"] = (s => Context(App(s))["readOnlyRootFilesystem"] = false, "container 'app': securityContext.readOnlyRootFilesystem"),
        ["root filesystem unset"] = (s => Context(Sidecar(s)).Remove("readOnlyRootFilesystem"), "init container 'secretbroker': securityContext.readOnlyRootFilesystem"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Is_refused_with_a_message_naming_the_container_and_field(string name)
    {
        JsonObject spec = HardenedPod.Spec();
        (Action<JsonObject> breakIt, string expected) = Cases[name];
        breakIt(spec);

        IReadOnlyList<string> problems = PodRules.Check(spec);

        Assert.True(problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal)), $"expected a problem starting with \"{expected}\"; got:\n{string.Join('\n', problems)}");
    }

    private static JsonObject Sidecar(JsonObject spec) => HardenedPod.Sidecar(spec);

    private static JsonObject App(JsonObject spec) => HardenedPod.App(spec);

    private static JsonObject Pod(JsonObject spec) => spec["securityContext"]!.AsObject();

    private static JsonObject Context(JsonObject container) => container["securityContext"]!.AsObject();

    private static JsonArray Volumes(JsonObject spec) => spec["volumes"]!.AsArray();

    private static JsonArray Env(JsonObject container) => container["env"]!.AsArray();

    private static JsonObject Variable(string name, string? value = null, JsonObject? valueFrom = null)
    {
        JsonObject variable = new() { ["name"] = name };
        if (value is not null)
        {
            variable["value"] = value;
        }

        if (valueFrom is not null)
        {
            variable["valueFrom"] = valueFrom;
        }

        return variable;
    }
}
