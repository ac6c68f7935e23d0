namespace SecretBroker.Deploy.Tests.Infrastructure;

/// <summary>
/// The schema check by a validator we did not write: tests/SecretBroker.Deploy.Tests/schema/validate.mjs, which
/// validates each object with the kubernetes-models package (models generated from the Kubernetes OpenAPI schema),
/// installed from the lockfile by <c>.ci/run</c> (<c>npm ci --prefix tests/SecretBroker.Deploy.Tests/schema</c>).
/// </summary>
internal static class SchemaValidator
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int Unusable = 2;

    public static async Task<Tool.Result> ValidateAsync(string yaml)
    {
        string script = Path.Combine(RepositoryPaths.SchemaChecker, "validate.mjs");
        string models = Path.Combine(RepositoryPaths.SchemaChecker, "node_modules", "kubernetes-models", "package.json");
        Assert.True(File.Exists(models), $"kubernetes-models is not installed: run `npm ci --prefix {RepositoryPaths.SchemaChecker}` (.ci/run does)");
        return await Tool.RunAsync("node", [script], yaml, RepositoryPaths.SchemaChecker);
    }
}
