namespace SecretBroker;

/// <summary>The result of refreshing one secret once (used by <c>secretbroker check</c> and on-demand refreshes).</summary>
/// <param name="Name">The secret's name.</param>
/// <param name="Backend">The backend instance it came from.</param>
/// <param name="Succeeded">Whether the backend answered with a value (or confirmed the current version).</param>
/// <param name="Version">The version now held, if any.</param>
/// <param name="Changed">Whether the value or version changed.</param>
/// <param name="Error">Why it failed; never contains a value.</param>
public sealed record SecretRefreshOutcome(string Name, string Backend, bool Succeeded, string? Version, bool Changed, string? Error);
