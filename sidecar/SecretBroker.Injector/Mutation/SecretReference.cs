namespace SecretBroker.Injector.Mutation;

/// <summary>
/// One <c>secretbroker.io/secret-&lt;name&gt;: "&lt;backend&gt;:&lt;id&gt;[#key]"</c> annotation: a reference, never a value.
/// </summary>
internal sealed record SecretReference(string Name, string Backend, string Id, string? Key)
{
    /// <summary>Parses the annotation value; <paramref name="problem"/> says what is wrong, without echoing more than the value.</summary>
    public static SecretReference? TryParse(string name, string value, out string? problem)
    {
        problem = null;
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            problem = "expected \"<backend>:<id>[#key]\" (no backend before ':')";
            return null;
        }

        string backend = value[..colon];
        string rest = value[(colon + 1)..];
        int hash = rest.IndexOf('#', StringComparison.Ordinal);
        string id = hash < 0 ? rest : rest[..hash];
        string? key = hash < 0 ? null : rest[(hash + 1)..];
        if (!Names.IsSecretName(backend))
        {
            problem = "the backend name must match [a-z0-9]([a-z0-9._-]*[a-z0-9])?";
        }
        else if (id.Length == 0)
        {
            problem = "expected \"<backend>:<id>[#key]\" (the id is empty)";
        }
        else if (key is { Length: 0 })
        {
            problem = "expected \"<backend>:<id>[#key]\" (the key after '#' is empty)";
        }
        else if (HasControlOrSpace(id) || (key is not null && (HasControlOrSpace(key) || key.Contains('#', StringComparison.Ordinal))))
        {
            problem = "the id and key may not hold whitespace, control characters or a second '#'";
        }

        return problem is null ? new SecretReference(name, backend, id, key) : null;
    }

    private static bool HasControlOrSpace(string text) => text.Any(static c => char.IsControl(c) || char.IsWhiteSpace(c));
}
