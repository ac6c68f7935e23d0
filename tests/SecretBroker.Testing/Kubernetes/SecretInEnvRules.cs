using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace SecretBroker.Testing.Kubernetes;

/// <summary>
/// No secret reaches a container through its environment: no <c>secretKeyRef</c>, no <c>envFrom.secretRef</c>, and
/// no literal value that looks like a credential (a credential-named variable holding anything but a path, or a
/// value shaped like a known token). Environment variables leak into crash dumps, <c>/proc/PID/environ</c> and
/// child processes, and a literal value sits in etcd and in every copy of the manifest.
/// </summary>
internal static partial class SecretInEnvRules
{
    public static void Check(JsonObject podSpec, List<string> problems)
    {
        foreach (PodContainer container in PodContainer.All(podSpec))
        {
            foreach (JsonObject variable in Json.Objects(container.Spec, "env"))
            {
                string name = Json.String(variable, "name") ?? "(unnamed)";
                if (Json.IsSet(variable, "valueFrom", "secretKeyRef"))
                {
                    problems.Add(container.Problem($"env[{name}].valueFrom.secretKeyRef", "a secret must not be passed in the environment; mount it as a file"));
                }

                if (Json.String(variable, "value") is { Length: > 0 } value && LooksLikeCredential(name, value) is { } why)
                {
                    problems.Add(container.Problem($"env[{name}].value", $"looks like a credential ({why}); a secret must not be passed in the environment"));
                }
            }

            foreach (JsonObject source in Json.Objects(container.Spec, "envFrom"))
            {
                if (Json.IsSet(source, "secretRef"))
                {
                    problems.Add(container.Problem("envFrom[].secretRef", $"a secret ('{Json.String(source, "secretRef", "name")}') must not be passed in the environment; mount it as a file"));
                }
            }
        }
    }

    /// <summary>Why a literal env value looks like a credential, or null when it does not.</summary>
    internal static string? LooksLikeCredential(string name, string value)
    {
        if (TokenShape().Match(value) is { Success: true } token)
        {
            return $"the value has the shape of a {Describe(token)}";
        }

        // A credential-named variable may point at a file, a socket or an endpoint; the value itself must not be one.
        if (CredentialName().IsMatch(name) && !ReferenceName().IsMatch(name) && !value.StartsWith('/'))
        {
            return "a credential-named variable with a literal value";
        }

        return null;
    }

    private static string Describe(Match token) => token.Groups switch
    {
        var g when g["hf"].Success => "Hugging Face token",
        var g when g["aws"].Success => "AWS access key id",
        var g when g["jwt"].Success => "JSON web token",
        var g when g["pem"].Success => "PEM private key",
        var g when g["github"].Success => "GitHub token",
        _ => "known token",
    };

    [GeneratedRegex(@"(?<hf>\bhf_[A-Za-z0-9]{20,})|(?<aws>\b(AKIA|ASIA)[0-9A-Z]{16}\b)|(?<jwt>\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.)|(?<pem>-----BEGIN [A-Z ]*PRIVATE KEY-----)|(?<github>\bgh[pousr]_[A-Za-z0-9]{30,})|(?<other>\b(xox[abpr]-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9]{32,}))")]
    private static partial Regex TokenShape();

    // Whole words for the short ones, so SECRETBROKER_LOG_LEVEL or TOKENIZERS_PARALLELISM is not a credential name.
    [GeneratedRegex("PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|(^|_)(SECRETS?|TOKEN|AUTH)(_|$)", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialName();

    // Names that by convention hold where a credential is, not the credential: AWS_WEB_IDENTITY_TOKEN_FILE,
    // HF_TOKEN_PATH, AZURE_AUTHORITY_HOST, AWS_CONTAINER_CREDENTIALS_FULL_URI, ...
    [GeneratedRegex("_(FILE|PATH|DIR|HOME|URI|URL|HOST|ENDPOINT|AUDIENCE)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceName();
}
