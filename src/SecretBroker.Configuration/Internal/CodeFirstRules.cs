using System.Text.RegularExpressions;
using SecretBroker.Backends;

namespace SecretBroker.Configuration.Internal;

/// <summary>
/// The checks of the <c>backends:</c> reader applied to backends added in code: a valid, unique name and options the
/// type's validator accepts. Problems are named <c>backends.&lt;name&gt;.&lt;key&gt;</c>, as the secrets' rules name
/// <c>secrets[i].&lt;key&gt;</c>.
/// </summary>
internal static partial class CodeFirstRules
{
    public static void CheckBackends(IReadOnlyList<DeclaredBackend> backends, ISet<string> names, List<string> errors)
    {
        foreach (DeclaredBackend backend in backends)
        {
            string path = "backends." + backend.Name;
            if (!BackendName().IsMatch(backend.Name))
            {
                errors.Add($"{path}: '{backend.Name}' is not a valid backend name (letters, digits, '-' and '_', starting with a letter or digit)");
            }
            else if (!names.Add(backend.Name))
            {
                errors.Add($"{path}: a backend named '{backend.Name}' is already defined");
            }

            foreach (SecretBackendSettingProblem problem in backend.Type.Validate(backend.Options))
            {
                errors.Add(problem.Key.Length == 0 ? $"{path}: {problem.Problem}" : $"{path}.{problem.Key}: {problem.Problem}");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex BackendName();
}
