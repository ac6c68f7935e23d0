namespace SecretBroker.EndToEnd.Tests.Image;

/// <summary>What the sidecar image is held to: where its Dockerfile is, the one publish command line, its user.</summary>
internal static class SidecarImage
{
    public const string DockerfilePath = "sidecar/Dockerfile";

    public const string DockerIgnorePath = ".dockerignore";

    /// <summary>
    /// The AOT publish, exactly as the Dockerfile's build stage runs it (exec form). CI replays the Dockerfile's own line
    /// (<see cref="BuildStageReplay"/>), so the two cannot drift; pinning it here makes any change to the RID or the
    /// flags a deliberate one.
    /// </summary>
    public static readonly IReadOnlyList<string> PublishCommand =
        ["dotnet", "publish", "sidecar/SecretBroker.Sidecar", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "--artifacts-path", "/artifacts", "-o", "/out"];

    /// <summary>The FLAVOR build arg's default: the all-in-one binary (<c>secretbroker version</c> prints <c>flavor all</c>).</summary>
    public const string DefaultFlavor = "all";

    /// <summary>Where the publish puts the binary in the build stage.</summary>
    public const string PublishedBinary = "/out/secretbroker";

    /// <summary>Where the final stage puts it, and its ENTRYPOINT.</summary>
    public const string Binary = "/secretbroker";

    /// <summary>The distroless "nonroot" uid and gid, numeric so runAsNonRoot can check it.</summary>
    public const string User = "65532:65532";

    /// <summary>Libraries the chiseled runtime-deps base provides (libc6, libgcc-s1, libstdc++6, zlib1g); the binary may need no other.</summary>
    public static readonly IReadOnlySet<string> BaseLibraries = new HashSet<string>(StringComparer.Ordinal)
    {
        "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "ld-linux-x86-64.so.2",
        "libgcc_s.so.1", "libstdc++.so.6", "libz.so.1",
    };

    public static Dockerfile ReadDockerfile(string root) => Dockerfile.Parse(File.ReadAllText(Path.Combine(root, DockerfilePath)));

    public static DockerIgnore ReadDockerIgnore(string root) => DockerIgnore.Parse(File.ReadAllText(Path.Combine(root, DockerIgnorePath)));
}
