using Amazon.SecurityToken.Model;

namespace SecretBroker.Sidecar.Outputs.Http.Credentials;

/// <summary>
/// The session tags an <c>aws-assume-role</c> session carries, so CloudTrail shows which pod read the weights: the
/// names EKS Pod Identity uses, from variables the pod spec fills in from the downward API. A variable that is unset
/// or empty adds no tag.
/// </summary>
internal static class SessionTags
{
    public const string NamespaceVariable = "SECRETBROKER_POD_NAMESPACE";
    public const string PodNameVariable = "SECRETBROKER_POD_NAME";
    public const string ServiceAccountVariable = "SECRETBROKER_POD_SERVICE_ACCOUNT";

    public static IReadOnlyList<Tag> From(Func<string, string?> environment)
    {
        List<Tag> tags = [];
        foreach ((string key, string variable) in (ReadOnlySpan<(string, string)>)[
            ("kubernetes-namespace", NamespaceVariable),
            ("kubernetes-pod-name", PodNameVariable),
            ("kubernetes-service-account", ServiceAccountVariable)])
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                // STS caps a tag value at 256 characters; Kubernetes names are at most 253.
                tags.Add(new Tag { Key = key, Value = value.Length > 256 ? value[..256] : value });
            }
        }

        return tags;
    }
}
