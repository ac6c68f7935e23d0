using System.Text;

using SecretBroker.Backends;

namespace SecretBroker.Aws.Internal;

/// <summary>Turns a returned secret into the bytes to deliver: the whole value, or one top-level field of a JSON SecretString.</summary>
internal static class SecretValueBytes
{
    public static SecretFetchResult ToResult(SecretDefinition secret, SecretValueEntry entry)
    {
        try
        {
            if (string.IsNullOrEmpty(entry.VersionId))
            {
                return SecretFetchResult.Failure(secret.Name, AwsErrors.NoVersionId(secret.Id));
            }

            return SecretFetchResult.Success(secret.Name, Extract(secret, entry), entry.VersionId);
        }
        catch (SecretBackendException ex)
        {
            return SecretFetchResult.Failure(secret.Name, ex);
        }
    }

    private static byte[] Extract(SecretDefinition secret, SecretValueEntry entry)
    {
        if (entry.SecretString is null)
        {
            return entry.SecretBinary is null ? throw AwsErrors.NoValue(secret.Id)
                : secret.Key is null ? entry.SecretBinary
                : throw AwsErrors.BinaryHasNoKeys(secret.Id, secret.Key);
        }

        return secret.Key is null ? Encoding.UTF8.GetBytes(entry.SecretString) : SecretJsonField.Extract(Encoding.UTF8.GetBytes(entry.SecretString), AwsErrors.Backend, secret.Id, secret.Key);
    }
}
