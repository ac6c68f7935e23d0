namespace SecretBroker.Injector.Mutation;

/// <summary>Which containers get the volume and env: those <c>containers:</c> names, else every one.</summary>
internal static class ContainerSelection
{
    public static bool Includes(InjectionRequest request, string name) =>
        request.Containers is null || request.Containers.Contains(name, StringComparer.Ordinal);
}
