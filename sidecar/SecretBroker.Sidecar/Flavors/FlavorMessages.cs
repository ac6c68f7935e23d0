namespace SecretBroker.Sidecar.Flavors;

/// <summary>What a flavour says when a config asks for something it was built without.</summary>
internal static class FlavorMessages
{
    /// <summary>Advice after "backend type 'X' is not registered (available: …)".</summary>
    public static string BackendAdvice(SidecarFlavor current, IReadOnlyList<string> having) =>
        $"this secretbroker is the '{current.Name}' flavour, built without it; use the {Names(having)} flavour (image build arg FLAVOR)";

    /// <summary>For <c>outputs.socket</c>, <c>outputs.http</c> and <c>credentials</c>.</summary>
    public static string NotInFlavor(string what, SidecarFlavor current, IReadOnlyList<string> having) =>
        $"{what} is not in the '{current.Name}' flavour of secretbroker; use the {Names(having)} flavour (image build arg FLAVOR)";

    // 'a' or 'b'; 'a', 'b' or 'c'.
    private static string Names(IReadOnlyList<string> names) => names.Count <= 1
        ? string.Concat(names.Select(static name => $"'{name}'"))
        : string.Join(", ", names.SkipLast(1).Select(static name => $"'{name}'")) + $" or '{names[^1]}'";
}
