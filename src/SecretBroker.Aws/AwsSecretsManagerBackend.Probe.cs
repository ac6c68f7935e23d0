using SecretBroker.Aws.Internal;
using SecretBroker.Backends;

namespace SecretBroker.Aws;

/// <summary>Probing: DescribeSecret's <c>VersionIdsToStages</c>, no value on the wire.</summary>
public sealed partial class AwsSecretsManagerBackend
{
    /// <inheritdoc />
    /// <remarks>
    /// One <c>DescribeSecret</c> per distinct id; the answer is the version id now holding the requested stage. A secret
    /// pinned to a version id costs no call: its probe answer is that id. A permanent error (not found, denied) answers
    /// "unknown" so the fetch reports it per secret; a transient one (throttling, 5xx, network) fails the whole probe so
    /// the engine backs off instead of fetching everything.
    /// </remarks>
    public async ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var described = new Dictionary<string, SecretDescription?>(StringComparer.Ordinal);
        var results = new List<SecretVersionProbe>(secrets.Count);
        foreach (SecretDefinition secret in secrets)
        {
            string? stage = SecretSelector.Stage(secret);
            if (stage is null)
            {
                results.Add(new SecretVersionProbe(secret.Name, secret.Version));
                continue;
            }

            if (!described.TryGetValue(secret.Id, out SecretDescription? description))
            {
                description = await DescribeAsync(secret.Id, cancellationToken).ConfigureAwait(false);
                described[secret.Id] = description;
            }

            string? versionId = description?.VersionIdsToStages
                .Where(v => v.Value.Contains(stage, StringComparer.Ordinal))
                .Select(static v => v.Key)
                .FirstOrDefault();
            results.Add(new SecretVersionProbe(secret.Name, versionId));
        }

        return results;
    }

    private async Task<SecretDescription?> DescribeAsync(string secretId, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.DescribeSecretAsync(secretId, cancellationToken).ConfigureAwait(false);
        }
        catch (SecretBackendException ex) when (ex.Kind == SecretErrorKind.Permanent)
        {
            return null;
        }
    }
}
