using SecretBroker.Aws;
using SecretBroker.Backends;
using SecretBroker.FileBackend;
using SecretBroker.Sidecar.Configuration;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// The backend instances built from <see cref="SidecarSettings.Backends"/>, owned by whoever built them: disposing
/// the set disposes every backend that holds resources (the AWS backend's HTTP client).
/// </summary>
internal sealed class SecretBackendSet : IDisposable
{
    private SecretBackendSet(IReadOnlyDictionary<string, ISecretBackend> backends)
    {
        Backends = backends;
    }

    /// <summary>Backend instances by the names secrets refer to.</summary>
    public IReadOnlyDictionary<string, ISecretBackend> Backends { get; }

    /// <summary>
    /// Builds one backend per configured entry. Builds only; nothing is contacted (an AWS identity's token file is
    /// checked to exist, not read).
    /// </summary>
    /// <param name="settings">The validated settings.</param>
    /// <param name="versionKey">
    /// The key file backends version values with (<see cref="VersionKeyFile"/>); <see langword="null"/>: a random key
    /// per process.
    /// </param>
    /// <exception cref="BackendStartupException">A backend refused its settings (e.g. an AWS identity is missing); none is left built.</exception>
    public static SecretBackendSet Create(SidecarSettings settings, Func<ReadOnlyMemory<byte>>? versionKey = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Dictionary<string, ISecretBackend> backends = new(StringComparer.Ordinal);
        SecretBackendSet set = new(backends);
        try
        {
            foreach ((string name, BackendSettings backend) in settings.Backends)
            {
                backends[name] = backend switch
                {
                    FileBackendSettings file => new FileSecretBackend(new FileSecretBackendOptions { Path = file.Path, VersionKey = versionKey }),
                    AwsBackendSettings aws => CreateAws(aws),
                    _ => throw new NotSupportedException($"Backend type '{backend.Type}' has no factory."),
                };
            }
        }
        catch
        {
            set.Dispose();
            throw;
        }

        return set;
    }

    /// <summary>One line per backend that has an identity, for <c>check</c>: name, type, region and the identity description (never a key).</summary>
    public IEnumerable<string> Describe(SidecarSettings settings)
    {
        foreach ((string name, BackendSettings backend) in settings.Backends)
        {
            if (backend is AwsBackendSettings aws && Backends.GetValueOrDefault(name) is AwsSecretsManagerBackend built)
            {
                yield return $"backend {name}: {aws.Type} {aws.Region}, identity {built.Identity}";
            }
        }
    }

    public void Dispose()
    {
        foreach (ISecretBackend backend in Backends.Values)
        {
            (backend as IDisposable)?.Dispose();
        }
    }

    private static AwsSecretsManagerBackend CreateAws(AwsBackendSettings aws)
    {
        AwsSecretsManagerOptions options = new()
        {
            Region = aws.Region,
            ServiceUrl = aws.Endpoint,
            StsServiceUrl = aws.StsEndpoint,
            Identity = aws.Identity switch
            {
                "irsa" => AwsIdentityMode.Irsa,
                "pod-identity" => AwsIdentityMode.PodIdentity,
                _ => AwsIdentityMode.Auto,
            },
            RoleArn = aws.RoleArn,
            WebIdentityTokenFile = aws.WebIdentityTokenFile,
            RoleSessionName = aws.RoleSessionName,
            AllowFallback = aws.AllowFallback,
            RefreshMode = aws.RefreshMode == "probe" ? AwsRefreshMode.Probe : AwsRefreshMode.Batch,
        };

        try
        {
            return new AwsSecretsManagerBackend(options);
        }
        catch (InvalidOperationException e)
        {
            // Fail closed: the identity's variables or token file are missing (the message names them).
            throw BackendStartupException.For(aws.Name, e);
        }
        catch (ArgumentException e)
        {
            // An endpoint the backend refuses (plain http to a non-loopback host) or a region it does not know.
            throw BackendStartupException.For(aws.Name, e);
        }
    }
}
