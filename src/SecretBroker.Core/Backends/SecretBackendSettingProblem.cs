namespace SecretBroker.Backends;

/// <summary>One problem with a backend's settings: the setting's key (as written under <c>backends.&lt;name&gt;</c>) and what is wrong.</summary>
/// <param name="Key">The setting, e.g. <c>region</c>; empty when the problem concerns the backend as a whole.</param>
/// <param name="Problem">What is wrong, in words a user can act on; never a secret value.</param>
public sealed record SecretBackendSettingProblem(string Key, string Problem)
{
    /// <inheritdoc/>
    public override string ToString() => Key.Length == 0 ? Problem : $"{Key}: {Problem}";
}
