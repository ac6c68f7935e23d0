using k8s.Models;
using SecretBroker.Sidecar.Conversion;

namespace SecretBroker.Injector.Mutation;

/// <summary>
/// What a pod honoured for its Vault Agent annotations gets besides the usual sidecar: the files' own memory-backed
/// volume where Vault Agent wrote (<c>/vault/secrets</c>, or <c>secret-volume-path</c>), a projected token for the
/// audience <c>vault</c> on the sidecar alone (as the kustomize component <c>vault</c> gives it), the <c>tls-secret</c>
/// at <c>/vault/tls</c> as Vault Agent had it, and with <c>agent-pre-populate-only</c> a one-shot init container instead
/// of a sidecar.
/// </summary>
internal static class VaultInjection
{
    public static IEnumerable<V1Volume> Volumes(VaultConversion vault)
    {
        yield return new V1Volume
        {
            Name = InjectorLayout.VaultSecretsVolume,
            EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory", SizeLimit = new ResourceQuantity("8Mi") },
        };
        yield return new V1Volume
        {
            Name = InjectorLayout.VaultTokenVolume,
            Projected = new V1ProjectedVolumeSource
            {
                Sources =
                [
                    new V1VolumeProjection
                    {
                        ServiceAccountToken = new V1ServiceAccountTokenProjection
                        {
                            // The audience the Vault role expects; never the API server's, so the token is no use there.
                            Audience = InjectorLayout.VaultTokenAudience,
                            ExpirationSeconds = InjectorSettings.TokenExpirationSeconds,
                            Path = "token",
                        },
                    },
                ],
            },
        };
        if (vault.TlsSecret is not null)
        {
            yield return new V1Volume { Name = InjectorLayout.VaultTlsVolume, Secret = new V1SecretVolumeSource { SecretName = vault.TlsSecret } };
        }
    }

    /// <summary>The app containers' read-only view of the files.</summary>
    public static V1VolumeMount ConsumerMount(VaultConversion vault) =>
        new() { Name = InjectorLayout.VaultSecretsVolume, MountPath = vault.Dir, ReadOnlyProperty = true };

    /// <summary>Mounts the files (to write), the token and the TLS Secret; turns the sidecar into a one-shot init container when asked.</summary>
    public static void Complete(V1Container sidecar, VaultConversion vault)
    {
        List<V1VolumeMount> mounts =
        [
            .. sidecar.VolumeMounts ?? [],
            new V1VolumeMount { Name = InjectorLayout.VaultSecretsVolume, MountPath = vault.Dir },
            new V1VolumeMount { Name = InjectorLayout.VaultTokenVolume, MountPath = InjectorLayout.VaultTokenMountPath, ReadOnlyProperty = true },
        ];
        if (vault.TlsSecret is not null)
        {
            mounts.Add(new V1VolumeMount { Name = InjectorLayout.VaultTlsVolume, MountPath = InjectorLayout.VaultTlsMountPath, ReadOnlyProperty = true });
        }

        sidecar.VolumeMounts = mounts;
        if (vault.PrePopulateOnly)
        {
            // Vault Agent's init-only mode: write the files once before the app starts, then exit (nothing to probe).
            sidecar.RestartPolicy = null;
            sidecar.StartupProbe = null;
            sidecar.LivenessProbe = null;
            sidecar.Args = ["run", "--once", "--config", InjectorLayout.ConfigFile];
        }
    }

    /// <summary>Files the config names that the injector does not mount: the sidecar could not read them.</summary>
    public static IEnumerable<string> Warnings(VaultConversion vault)
    {
        if (vault.TokenFile != InjectorLayout.VaultTokenFile)
        {
            yield return $"secretbroker: {vault.Prefix}auth-config-token-path (or auth-config-path) names {vault.TokenFile}, which the secretbroker container must mount itself; without that annotation it logs in with the injected token for audience '{InjectorLayout.VaultTokenAudience}' at {InjectorLayout.VaultTokenFile}";
        }

        if (vault.CaFile is { } ca && (vault.TlsSecret is null || !ca.StartsWith(InjectorLayout.VaultTlsMountPath + "/", StringComparison.Ordinal)))
        {
            yield return $"secretbroker: {vault.Prefix}ca-cert names {ca}, which the secretbroker container does not mount: give {vault.Prefix}tls-secret (mounted at {InjectorLayout.VaultTlsMountPath}) and a ca-cert under it";
        }
    }
}
