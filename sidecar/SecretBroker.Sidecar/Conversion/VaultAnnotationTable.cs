namespace SecretBroker.Sidecar.Conversion;

/// <summary>
/// The Vault Agent injector's annotations that tune the agent itself and mean nothing for secretbroker: each becomes
/// an <c># ignored:</c> comment in the output, with the reason. Every annotation neither here nor mapped by
/// <see cref="VaultAnnotationConverter"/> is refused, so a setting we do not understand is never dropped silently.
/// A pattern ending in <c>-</c> matches every annotation it starts.
/// </summary>
internal static class VaultAnnotationTable
{
    /// <summary>The injectors' prefixes: HashiCorp's, and OpenBao's (its injector is a fork reading its own prefix).</summary>
    public static readonly string[] Prefixes = ["vault.hashicorp.com/", "openbao.org/"];

    private const string SidecarContainer = "set it on the secretbroker container";

    /// <summary>Ignored annotation (name after the prefix, or a prefix ending in '-') and why.</summary>
    public static readonly IReadOnlyList<(string Pattern, string Why)> Ignored =
    [
        ("agent-inject-status", "written by the Vault injector once it has injected the pod"),
        ("agent-request-namespace", "written by the Vault injector"),
        ("agent-image", "the Vault Agent image; " + SidecarContainer),
        ("agent-limits-", "Vault Agent's resources; " + SidecarContainer + " (it needs far less)"),
        ("agent-requests-", "Vault Agent's resources; " + SidecarContainer + " (it needs far less)"),
        ("agent-run-as-", "Vault Agent's user; " + SidecarContainer + " (the image runs as 65532)"),
        ("agent-set-security-context", "Vault Agent's security context; " + SidecarContainer),
        ("agent-share-process-namespace", "a pod setting for Vault Agent"),
        ("agent-init-first", "the order of init containers is the pod spec's"),
        ("agent-pre-populate", "secretbroker as a native sidecar (an init container with restartPolicy: Always) is ready before the app starts"),
        ("agent-inject-containers", "mount the secrets volume in the containers that read it (the secretbroker injector's secretbroker.io/containers)"),
        ("agent-inject-default-template", "secretbroker writes the JSON of the data, as agent-inject-default-template: json does"),
        ("agent-copy-volume-mounts", "mount what secretbroker reads (e.g. the ca-cert file) in its container"),
        ("agent-cache-", "secretbroker caches every secret itself; there is no agent cache to tune"),
        ("agent-enable-quit", "secretbroker stops on SIGTERM"),
        ("agent-revoke-grace", "secretbroker revokes within the pod's termination grace period"),
        ("agent-auto-auth-exit-on-err", "secretbroker keeps retrying with backoff and serves the last good value"),
        ("agent-template-config-exit-on-retry-failure", "secretbroker keeps retrying with backoff and serves the last good value"),
        ("agent-template-static-secret-render-interval", "set refresh: on each secret (default 5m)"),
        ("agent-disable-idle-connections", "Vault Agent's HTTP client tuning"),
        ("agent-disable-keep-alives", "Vault Agent's HTTP client tuning"),
        ("agent-telemetry-", "secretbroker serves Prometheus metrics on outputs.http"),
        ("agent-json-patch", "a patch to the Vault Agent container"),
        ("agent-init-json-patch", "a patch to the Vault Agent init container"),
        ("agent-service-account-token-volume-name", "the token is read from auth.tokenFile; mount it in the secretbroker container"),
        ("go-max-procs", "Vault Agent's Go runtime"),
        ("client-max-retries", "secretbroker retries with exponential backoff"),
        ("log-level", "set SECRETBROKER_LOG_LEVEL on the secretbroker container"),
        ("log-format", "secretbroker logs JSON"),
    ];

    /// <summary>Why <paramref name="name"/> (after the prefix) is ignored, or <see langword="null"/> when it is not in the table.</summary>
    public static string? IgnoredBecause(string name)
    {
        foreach ((string pattern, string why) in Ignored)
        {
            if (pattern.EndsWith('-') ? name.StartsWith(pattern, StringComparison.Ordinal) : name == pattern)
            {
                return why;
            }
        }

        return null;
    }
}
