namespace SecretBroker.Backends;

/// <summary>The current version of a secret as a backend's cheap probe reports it.</summary>
/// <param name="Name">The secret's <see cref="SecretDefinition.Name"/>.</param>
/// <param name="Version">The version now current; <see langword="null"/> when unknown (the engine then fetches).</param>
public readonly record struct SecretVersionProbe(string Name, string? Version);
