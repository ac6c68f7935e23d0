namespace SecretBroker.Azure.Internal;

/// <summary>What the latest successful read of a secret saw, for the next cycle's probe.</summary>
/// <param name="Version">The version id read.</param>
/// <param name="Updated">Its <c>updated</c> time.</param>
/// <param name="Settled">
/// Whether the answer is known to be later than <see cref="Updated"/> by at least a second (its <c>Date</c> header):
/// <c>updated</c> has whole-second resolution, so a version written in the second the read happened could be followed
/// by another one with the same <c>updated</c>. An unsettled read is probed as "unknown" and read again next cycle.
/// </param>
/// <param name="Expires">Its <c>exp</c>, so a pinned version held without requests is still read again once it expires.</param>
internal sealed record SeenVersion(string Version, DateTimeOffset? Updated, bool Settled, DateTimeOffset? Expires);
