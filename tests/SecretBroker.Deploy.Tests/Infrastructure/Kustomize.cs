namespace SecretBroker.Deploy.Tests.Infrastructure;

/// <summary>Renders a kustomization with <c>kubectl kustomize</c> (offline: kustomize is built into kubectl).</summary>
internal static class Kustomize
{
    public static async Task<string> RenderAsync(string directory)
    {
        Tool.Result result = await Tool.RunAsync("kubectl", ["kustomize", directory]);
        Assert.True(result.ExitCode == 0, $"kubectl kustomize {directory} failed (exit {result.ExitCode}):\n{result.Stderr}");
        return result.Stdout;
    }
}
