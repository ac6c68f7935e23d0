namespace SecretBroker.Sidecar.Conversion;

/// <summary>
/// Every message <c>secretbroker convert</c> prints, in one place. Manifests hold no secret values, so echoing annotations
/// is safe. The injector compiles this file in too (it refuses a pod's Vault annotations with these very words), so it
/// depends on nothing of the sidecar but the config messages; the manifest reader's limits live in the other part.
/// </summary>
internal static partial class ConvertMessages
{
    public const string ConvertDescription = "Convert another tool's configuration into a SecretBroker config (printed on stdout).";
    public const string VaultDescription =
        "Print the SecretBroker config equivalent to a pod's vault.hashicorp.com/ (or openbao.org/) annotations. FILE is a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob manifest (YAML or JSON), or - for stdin. Exit 0 converted, 2 refused (every problem named).";
    public const string FileDescription = "The manifest (YAML or JSON); - reads stdin.";

    // The manifest (the messages that quote the config reader's limits are in ConvertMessages.Manifest.cs).
    public const string EmptyManifest = "the file is empty (expected a Pod or workload manifest)";
    public const string MoreThanOneDocument =
        "more than one YAML document; give one Pod or workload manifest (e.g. the output of kubectl get deployment NAME -o yaml)";

    public static string CannotRead(string reason) => $"cannot read the file: {reason}";

    public static string NotAManifest(string found) =>
        $"not a Kubernetes manifest: expected a mapping with apiVersion, kind and metadata, found {found}";

    public const string NoKind = "not a Kubernetes manifest: no kind";

    public static string NoPodTemplate(string kind) =>
        $"kind {kind} has no pod template; give a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob";

    public static string ExpectedMapping(string found) => $"expected a mapping, found {found}";

    public static string ExpectedText(string found) => $"expected a string, found {found}";

    public const string GivenTwice = "given more than once";

    // Nothing to do.
    public static string NoAnnotations(string where) =>
        $"nothing to convert: {where} has no vault.hashicorp.com/ or openbao.org/ annotations";

    public static string AnnotationsOnTheWorkload(string where) =>
        $"nothing to convert: {where} has Vault annotations on its own metadata, which the injector never reads; it reads the pod template's annotations: move them there";

    public static string NotInjected(string prefix) => $"nothing to convert: {prefix}agent-inject is not set (the Vault injector would not inject this pod)";

    public static string InjectFalse(string value) => $"nothing to convert: '{value}' turns injection off";

    public static string BothPrefixes(string other) =>
        $"the pod mixes vault.hashicorp.com/ and openbao.org/ annotations (here {other}); keep the injector's own prefix and convert again";

    public static string NoSecrets(string prefix) => $"nothing to convert: no {prefix}agent-inject-secret-<name> annotations";

    // Values.
    public static string NotABool(string value) => $"'{value}' is not true or false";

    public const string Required = "required (the role the Kubernetes or JWT login asks for); the pod has none";

    public static string UnknownAuthType(string value) => $"auth type '{value}' is not supported (secretbroker logs in with kubernetes or jwt)";

    public static string InvalidAuthPath(string value) => $"'{value}' is not an auth mount path (e.g. auth/kubernetes or auth/k8s-prod)";

    public static string NotHttpsAddress(string value) =>
        $"'{value}' is not an https URL; secretbroker talks to Vault over TLS only (plain http only to loopback): give the https address";

    public static string NotAbsolutePath(string value) => $"'{value}' is not an absolute path without '..'";

    public const string Empty = "has no value";

    public const string TlsSkipVerify =
        "secretbroker never turns TLS verification off; trust Vault's CA instead with ca-cert (becomes caFile), then remove this annotation";

    public static string InvalidSecretName(string name) =>
        Invariant($"'{name}' is not a valid secretbroker secret name (pattern {SecretName.Pattern}, at most {SecretName.MaxLength} characters): it is the file name, so name the file with agent-inject-file-<name>");

    public static string DuplicateSecretName(string name, string other) => $"file '{name}' is also written for {other}";

    public static string InvalidVaultPath(string path, string why) => $"'{path}' is not a Vault API path: {why}";

    public const string PathEmpty = "it is empty";

    public static string Orphan(string secretAnnotation) => $"no {secretAnnotation} names this secret";

    public static string InvalidPerms(string problem) =>
        $"{problem}; secretbroker files are owner and group read-only (the app reads them through the pod's fsGroup): use 0440 or 0400, or drop the annotation";

    public static string PermsDisagree(string others) =>
        $"secretbroker writes every file with one mode (outputs.files.fileMode), and the perms differ ({others}); give them all the same mode";

    public static string PerSecretVolumePath(string dir) =>
        $"secretbroker writes every file in one directory ({dir}); a per-secret directory is not supported: drop this annotation or make it the same";

    public static string InvalidTimeout(string value) => $"'{value}' is not a duration (e.g. 30s, 1m)";

    public const string Template =
        "templates are not supported: secretbroker writes the JSON of a secret's data (or one field, with key:); drop the template and read the JSON, or keep this pod on Vault Agent";

    public const string Command = "running a command after rendering is not supported; the app can watch the file (or use the socket's long poll) instead";

    public const string InjectToken = "writing the Vault token to a file is not supported: secretbroker keeps its token to itself";

    public const string ConfigMap = "a Vault Agent config from a ConfigMap cannot be converted; write the SecretBroker config by hand";

    public const string AuthConfig = "this auth-config parameter is not supported (only the token file: auth-config-path for jwt, auth-config-token-path for kubernetes)";

    public const string Unsupported = "not supported by secretbroker convert";

    public static string Refused(int count) => Invariant($"secretbroker convert: not converted ({count} problem{(count == 1 ? string.Empty : "s")}); nothing was printed:");

    private static string Invariant(System.FormattableString text) => System.FormattableString.Invariant(text);
}
