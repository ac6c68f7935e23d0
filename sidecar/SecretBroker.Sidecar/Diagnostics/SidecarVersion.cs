using System.Reflection;

namespace SecretBroker.Sidecar.Diagnostics;

/// <summary>The build's version and commit, read from the informational version the build stamps as <c>&lt;version&gt;+&lt;commit&gt;</c>.</summary>
internal static class SidecarVersion
{
    /// <summary>The full informational version, e.g. <c>0.1.0+4fa2e0f1a2b3</c>.</summary>
    public static string Informational { get; } =
        typeof(SidecarVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SidecarVersion).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    /// <summary>The commit the binary was built from, or <c>unknown</c>.</summary>
    public static string Commit { get; } = Informational.IndexOf('+', StringComparison.Ordinal) is int plus and >= 0
        ? Informational[(plus + 1)..]
        : "unknown";
}
