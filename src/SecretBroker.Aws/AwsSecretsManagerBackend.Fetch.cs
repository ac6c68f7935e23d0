using SecretBroker.Aws.Internal;
using SecretBroker.Backends;

namespace SecretBroker.Aws;

/// <summary>Fetching: BatchGetSecretValue for secrets on AWSCURRENT, GetSecretValue for the rest.</summary>
public sealed partial class AwsSecretsManagerBackend
{
    /// <inheritdoc />
    /// <remarks>
    /// Secrets following <c>AWSCURRENT</c> are fetched with <c>BatchGetSecretValue</c>, 20 distinct ids a call (a single
    /// one with <c>GetSecretValue</c>); a secret naming another stage or a version id goes through <c>GetSecretValue</c>,
    /// because <c>BatchGetSecretValue</c> only returns <c>AWSCURRENT</c>, once per distinct id and version. Definitions
    /// sharing an id (and version) are all served from that one read. Per-id errors become failed items.
    /// </remarks>
    public async ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var results = new List<SecretFetchResult>(secrets.Count);
        SecretBackendException? lastCallFailure = null;
        int failedByCall = 0;
        int calls = 0;

        // Several definitions may share one id (different keys): ask for each id once.
        string[] batchIds = [.. secrets.Where(SecretSelector.IsBatchable).Select(static s => s.Id).Distinct(StringComparer.Ordinal)];
        foreach (string[] chunk in batchIds.Chunk(MaxBatchSize))
        {
            SecretDefinition[] covered = [.. secrets.Where(s => SecretSelector.IsBatchable(s) && chunk.Contains(s.Id, StringComparer.Ordinal))];
            calls++;
            try
            {
                if (chunk.Length == 1)
                {
                    SecretValueEntry entry = await _client.GetSecretValueAsync(chunk[0], null, null, cancellationToken).ConfigureAwait(false);
                    results.AddRange(covered.Select(s => SecretValueBytes.ToResult(s, entry)));
                }
                else
                {
                    BatchGetResult batch = await _client.BatchGetSecretValueAsync(chunk, cancellationToken).ConfigureAwait(false);
                    results.AddRange(covered.Select(s => FromBatch(s, batch)));
                }
            }
            catch (SecretBackendException ex)
            {
                lastCallFailure = ex;
                failedByCall += covered.Length;
                results.AddRange(covered.Select(s => SecretFetchResult.Failure(s.Name, ex)));
            }
        }

        // One GetSecretValue per (id, version): definitions reading other keys of that version share its one read.
        foreach (IGrouping<(string Id, string? Version), SecretDefinition> read in secrets
            .Where(static s => !SecretSelector.IsBatchable(s))
            .GroupBy(static s => (s.Id, s.Version)))
        {
            (string? versionId, string? stage) = SecretSelector.Select(read.First());
            calls++;
            try
            {
                SecretValueEntry entry = await _client.GetSecretValueAsync(read.Key.Id, versionId, stage, cancellationToken).ConfigureAwait(false);
                results.AddRange(read.Select(s => SecretValueBytes.ToResult(s, entry)));
            }
            catch (SecretBackendException ex)
            {
                lastCallFailure = ex;
                failedByCall += read.Count();
                results.AddRange(read.Select(s => SecretFetchResult.Failure(s.Name, ex)));
            }
        }

        // One call that failed as a whole and carried every secret: report it as the whole call's failure.
        return calls == 1 && failedByCall == secrets.Count && lastCallFailure is not null ? throw lastCallFailure : results;
    }

    private static SecretFetchResult FromBatch(SecretDefinition secret, BatchGetResult batch)
    {
        SecretValueEntry? entry = batch.Values.FirstOrDefault(v => SecretSelector.Matches(secret.Id, v.Name, v.Arn));
        if (entry is not null)
        {
            return SecretValueBytes.ToResult(secret, entry);
        }

        BatchItemError? error = batch.Errors.FirstOrDefault(e => string.Equals(e.SecretId, secret.Id, StringComparison.Ordinal));
        return SecretFetchResult.Failure(secret.Name, error is null
            ? AwsErrors.MissingFromBatch(secret.Id)
            : AwsErrors.BatchItem(secret.Id, error.ErrorCode, error.Message));
    }
}
