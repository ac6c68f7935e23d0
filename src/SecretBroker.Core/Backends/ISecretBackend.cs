namespace SecretBroker.Backends;

/// <summary>
/// A store of secrets the refresh engine reads from. One instance per configured backend; it is called
/// by one engine loop at a time, but must tolerate concurrent calls (an on-demand refresh may overlap a cycle).
/// </summary>
/// <remarks>
/// How the backends map onto this shape:
/// <list type="bullet">
/// <item><b>file</b>: <see cref="FetchAsync"/> reads each file once per call (or one JSON document) in one pass; version = content hash; no probe.</item>
/// <item><b>AWS Secrets Manager</b>: <see cref="SecretBackendCapabilities.MaxBatchSize"/> = 20 (BatchGetSecretValue);
/// <see cref="ProbeAsync"/> = DescribeSecret's <c>VersionIdsToStages</c> (the version id holding the requested stage);
/// per-id errors come back as failed <see cref="SecretFetchResult"/> items.</item>
/// <item><b>Azure Key Vault</b>: no batch read, but a large batch size (a cycle is one probe and one fetch call, its GETs
/// sequential, so a 429 ends the cycle's requests); probe = one GET per secret (none for a pinned version already read),
/// or the paged <c>GET /secrets</c> listing's <c>updated</c> times, the probe's reads serving the fetch that follows;
/// 429 becomes a transient <see cref="SecretBackendException"/> with <see cref="SecretBackendException.RetryAfter"/>.</item>
/// <item><b>Vault</b>: KV v2 probe = <c>metadata/…</c> <c>current_version</c>; KV v1 has no version (content hash);
/// dynamic secrets return a <see cref="SecretLease"/>, renewed via <see cref="RenewAsync"/> at about two thirds of its TTL.</item>
/// <item><b>huggingface-oidc</b>: batch size 1 (one token exchange per resource); the access token's <c>expires_in</c> is a
/// non-renewable <see cref="SecretLease"/> whose <see cref="SecretLease.RefreshAhead"/> (5 min) schedules the next exchange.</item>
/// </list>
/// A <see cref="SecretDefinition.Key"/> is applied by the backend with <see cref="SecretJsonField"/>, so each backend can
/// version the extracted bytes (or keep its own version id) while the extraction itself is the same everywhere.
/// <para>
/// <b>Read groups.</b> Definitions of one backend with the same <see cref="SecretDefinition.Id"/> and
/// <see cref="SecretDefinition.Version"/> selector (compared ordinally) are one <i>read group</i>: typically
/// <c>username</c> and <c>password</c> keys of one secret. The engine never splits a group: all its definitions arrive
/// in the same <see cref="FetchAsync"/> or <see cref="ProbeAsync"/> call, <see cref="SecretBackendCapabilities.MaxBatchSize"/>
/// counts groups rather than definitions, a group's lease is renewed with one <see cref="RenewAsync"/> call per cycle,
/// and the results of a group are published in one generation. In return a backend must read each (id, version) once
/// per call and serve every definition of it from that one read, so the fields carry one version and one lease.
/// </para>
/// </remarks>
public interface ISecretBackend
{
    /// <summary>What the engine may ask of this backend.</summary>
    SecretBackendCapabilities Capabilities { get; }

    /// <summary>
    /// Fetches values. <paramref name="secrets"/> holds at most <see cref="SecretBackendCapabilities.MaxBatchSize"/> read
    /// groups (distinct id and version), each complete; every (id, version) must be read once and serve all its definitions.
    /// Returns one result per requested secret, in any order, matched by <see cref="SecretFetchResult.Name"/>.
    /// Throws <see cref="SecretBackendException"/> when the whole call failed.
    /// </summary>
    ValueTask<IReadOnlyList<SecretFetchResult>> FetchAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken);

    /// <summary>
    /// Cheaply reads the current version of each secret without its value (only called when
    /// <see cref="SecretBackendCapabilities.SupportsProbe"/>). A probe result with a <see langword="null"/>
    /// version, or a missing result, means "unknown: fetch it"; any member of a read group found moved or unknown makes
    /// the engine fetch the whole group. Batched like <see cref="FetchAsync"/>: whole groups, each (id, version) probed once.
    /// </summary>
    ValueTask<IReadOnlyList<SecretVersionProbe>> ProbeAsync(IReadOnlyList<SecretDefinition> secrets, CancellationToken cancellationToken);

    /// <summary>
    /// Renews a lease (only called when <see cref="SecretBackendCapabilities.SupportsLeaseRenewal"/> and the lease is renewable).
    /// Called once per read group and cycle, with the group's first definition; the renewed lease holds for every member.
    /// Returns the renewed lease; a lease whose TTL shrank to nothing (or a failure) makes the engine fetch the whole group afresh.
    /// </summary>
    ValueTask<SecretLease> RenewAsync(SecretDefinition secret, SecretLease lease, CancellationToken cancellationToken);
}
