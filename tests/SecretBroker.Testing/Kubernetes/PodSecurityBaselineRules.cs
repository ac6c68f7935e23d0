using System.Text.Json.Nodes;

namespace SecretBroker.Testing.Kubernetes;

/// <summary>
/// The Pod Security Standards "baseline" controls (kubernetes.io/docs/concepts/security/pod-security-standards, as the
/// pod-security-admission checks implement them up to v1.35), which "restricted" includes. The baseline volume and
/// capability controls are left to <see cref="PodSecurityRestrictedRules"/>, whose stricter versions replace them,
/// as in the admission plugin.
/// </summary>
internal static class PodSecurityBaselineRules
{
    private static readonly HashSet<string> AllowedSysctls =
    [
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
        "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time",
        "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem",
        "net.ipv4.tcp_wmem",
    ];

    private static readonly HashSet<string> AllowedSeLinuxTypes =
        ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

    private const string AppArmorAnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/";

    public static void Check(JsonObject podSpec, JsonObject? podMetadata, List<string> problems)
    {
        CheckHostNamespaces(podSpec, problems);
        CheckPodSecurityContext(podSpec, problems);
        CheckAppArmorAnnotations(podMetadata, problems);
        foreach (PodContainer container in PodContainer.All(podSpec))
        {
            CheckContainer(container, problems);
        }
    }

    private static void CheckHostNamespaces(JsonObject podSpec, List<string> problems)
    {
        foreach (string field in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            if (Json.Bool(podSpec, field) == true)
            {
                problems.Add($"pod: spec.{field}: must be false or unset (Pod Security: host namespaces)");
            }
        }
    }

    private static void CheckPodSecurityContext(JsonObject podSpec, List<string> problems)
    {
        JsonObject? context = podSpec["securityContext"] as JsonObject;
        if (Json.Bool(context, "windowsOptions", "hostProcess") == true)
        {
            problems.Add("pod: spec.securityContext.windowsOptions.hostProcess: must be false or unset (Pod Security: HostProcess)");
        }

        if (SeLinuxProblem(context) is { } seLinux)
        {
            problems.Add($"pod: spec.securityContext.seLinuxOptions: {seLinux}");
        }

        if (Json.String(context, "seccompProfile", "type") is { } seccomp && !IsConfinedSeccomp(seccomp))
        {
            problems.Add($"pod: spec.securityContext.seccompProfile.type: '{seccomp}' is not RuntimeDefault or Localhost (Pod Security: seccomp)");
        }

        if (Json.String(context, "appArmorProfile", "type") is { } appArmor && !IsConfinedAppArmor(appArmor))
        {
            problems.Add($"pod: spec.securityContext.appArmorProfile.type: '{appArmor}' is not RuntimeDefault or Localhost (Pod Security: AppArmor)");
        }

        foreach (JsonObject sysctl in Json.Objects(context, "sysctls"))
        {
            string name = Json.String(sysctl, "name") ?? "";
            if (!AllowedSysctls.Contains(name))
            {
                problems.Add($"pod: spec.securityContext.sysctls: '{name}' is not a safe sysctl (Pod Security: sysctls)");
            }
        }
    }

    private static void CheckAppArmorAnnotations(JsonObject? podMetadata, List<string> problems)
    {
        if (Json.At(podMetadata, "annotations") is not JsonObject annotations)
        {
            return;
        }

        foreach ((string key, JsonNode? value) in annotations)
        {
            if (!key.StartsWith(AppArmorAnnotationPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            string profile = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : "";
            if (profile.Length > 0 && profile != "runtime/default" && !profile.StartsWith("localhost/", StringComparison.Ordinal))
            {
                problems.Add($"container '{key[AppArmorAnnotationPrefix.Length..]}': metadata.annotations['{key}']: '{profile}' is not runtime/default or localhost/* (Pod Security: AppArmor)");
            }
        }
    }

    private static void CheckContainer(PodContainer container, List<string> problems)
    {
        JsonObject? context = container.SecurityContext;
        if (Json.Bool(context, "privileged") == true)
        {
            problems.Add(container.Problem("securityContext.privileged", "must be false or unset (Pod Security: privileged containers)"));
        }

        if (Json.Bool(context, "windowsOptions", "hostProcess") == true)
        {
            problems.Add(container.Problem("securityContext.windowsOptions.hostProcess", "must be false or unset (Pod Security: HostProcess)"));
        }

        if (Json.String(context, "procMount") is { } procMount && procMount != "Default")
        {
            problems.Add(container.Problem("securityContext.procMount", $"'{procMount}' is not Default (Pod Security: /proc mount type)"));
        }

        if (SeLinuxProblem(context) is { } seLinux)
        {
            problems.Add(container.Problem("securityContext.seLinuxOptions", seLinux));
        }

        if (Json.String(context, "seccompProfile", "type") is { } seccomp && !IsConfinedSeccomp(seccomp))
        {
            problems.Add(container.Problem("securityContext.seccompProfile.type", $"'{seccomp}' is not RuntimeDefault or Localhost (Pod Security: seccomp)"));
        }

        if (Json.String(context, "appArmorProfile", "type") is { } appArmor && !IsConfinedAppArmor(appArmor))
        {
            problems.Add(container.Problem("securityContext.appArmorProfile.type", $"'{appArmor}' is not RuntimeDefault or Localhost (Pod Security: AppArmor)"));
        }

        foreach (JsonObject port in Json.Objects(container.Spec, "ports"))
        {
            if (Json.Integer(port, "hostPort") is { } hostPort && hostPort != 0)
            {
                problems.Add(container.Problem("ports[].hostPort", $"{hostPort} must be 0 or unset (Pod Security: host ports)"));
            }
        }

        CheckProbeHosts(container, problems);
    }

    private static void CheckProbeHosts(PodContainer container, List<string> problems)
    {
        // Baseline since v1.34: a probe or lifecycle handler aimed at another host turns the kubelet into a proxy.
        foreach (string handler in new[] { "livenessProbe", "readinessProbe", "startupProbe", "lifecycle.postStart", "lifecycle.preStop" })
        {
            string[] path = handler.Split('.');
            foreach (string action in new[] { "httpGet", "tcpSocket" })
            {
                if (Json.String(Json.At(container.Spec, path), action, "host") is { Length: > 0 } host)
                {
                    problems.Add(container.Problem($"{handler}.{action}.host", $"'{host}' must be empty or unset (Pod Security: probe or lifecycle host)"));
                }
            }
        }
    }

    private static string? SeLinuxProblem(JsonObject? securityContext)
    {
        if (Json.At(securityContext, "seLinuxOptions") is not JsonObject options)
        {
            return null;
        }

        if (Json.String(options, "type") is { } type && !AllowedSeLinuxTypes.Contains(type))
        {
            return $"type '{type}' is not one of container_t, container_init_t, container_kvm_t, container_engine_t (Pod Security: SELinux)";
        }

        if (Json.String(options, "user") is { Length: > 0 } || Json.String(options, "role") is { Length: > 0 })
        {
            return "user and role must be unset (Pod Security: SELinux)";
        }

        return null;
    }

    private static bool IsConfinedSeccomp(string type) => type is "RuntimeDefault" or "Localhost";

    private static bool IsConfinedAppArmor(string type) => type is "RuntimeDefault" or "Localhost";
}
