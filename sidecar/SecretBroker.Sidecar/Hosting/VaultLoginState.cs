using Microsoft.Extensions.Logging;
using SecretBroker.Sidecar.Configuration;
using SecretBroker.Sidecar.Flavors;
using SecretBroker.Vault;

namespace SecretBroker.Sidecar.Hosting;

/// <summary>
/// For <c>run</c>: gives each vault backend a login rate limit kept in the files directory
/// (<see cref="VaultLoginBucketFile"/>), so a crash-looping sidecar cannot mint a token per restart. Without a files
/// output the limit is per process. <c>check</c> logs in once per invocation and keeps no state.
/// </summary>
internal static class VaultLoginState
{
    public static Action<ConfiguredBackend>? ForRun(FilesOutputSettings? files, ILogger logger)
    {
        if (!SidecarFeatures.Vault || files is null)
        {
            return null;
        }

        return backend =>
        {
            if (backend.Options is VaultOptions { LoginBucket: null } vault)
            {
                vault.LoginBucket = new VaultLoginBucketFile(files.Directory, backend.Name, logger);
            }
        };
    }
}
