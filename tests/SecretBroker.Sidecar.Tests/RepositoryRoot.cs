namespace SecretBroker.Sidecar.Tests;

/// <summary>The repository checkout the tests run from (the directory holding SecretBroker.sln).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SecretBroker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SecretBroker.sln not found above " + AppContext.BaseDirectory);
    }
}
