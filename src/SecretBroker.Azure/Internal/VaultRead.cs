namespace SecretBroker.Azure.Internal;

/// <summary>One secret version as <c>GET /secrets/{name}[/{version}]</c> returned it. Never log it.</summary>
/// <param name="Value">The value. Never log it.</param>
/// <param name="Version">The version id (32 hex characters).</param>
/// <param name="Enabled">The version's <c>enabled</c> attribute (<see langword="null"/> when absent).</param>
/// <param name="NotBefore">The version's <c>nbf</c>.</param>
/// <param name="Expires">The version's <c>exp</c>.</param>
/// <param name="Updated">The version's <c>updated</c>.</param>
/// <param name="Answered">The answer's <c>Date</c> header, when it had one (whole seconds).</param>
/// <param name="ContentType">The version's <c>contentType</c>, when it has one.</param>
internal sealed record VaultRead(string Value, string Version, bool? Enabled, DateTimeOffset? NotBefore, DateTimeOffset? Expires, DateTimeOffset? Updated, DateTimeOffset? Answered, string? ContentType);

/// <summary>One item of the <c>GET /secrets</c> listing (no value): the current version's attributes.</summary>
internal sealed record VaultListing(bool? Enabled, DateTimeOffset? Updated);
