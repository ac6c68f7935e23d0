using Microsoft.Extensions.Configuration;

using SecretBroker.Emulators;

namespace SecretBroker.Configuration.Tests.Direct.Fakes;

/// <summary>
/// The section of the dynamic-credential tests: <c>db:username</c> and <c>db:password</c>, the two keys of the one lease
/// read from <c>database/creds/readonly</c> on the local cloud's Vault (backend <c>vault</c>, no refresh interval).
/// </summary>
internal static class DatabasePairSection
{
    public static IConfigurationSection Of(LocalCloud cloud) => JsonSection.Of($$"""
        {
          "SecretBroker": {
            "backends": {
              "vault": {{CloudBackendJson.Vault(cloud)}}
            },
            "secrets": [
              { "name": "db--username", "backend": "vault", "id": "database/creds/readonly", "key": "username" },
              { "name": "db--password", "backend": "vault", "id": "database/creds/readonly", "key": "password" }
            ]
          }
        }
        """);
}
