namespace SecretBroker.Sidecar.Configuration;

/// <summary>How one secret's file is laid out (<c>secrets[].profile</c>, <c>secrets[].format</c>).</summary>
/// <param name="Profile">The consumer the file is laid out for.</param>
/// <param name="Format">How the value is written.</param>
internal sealed record SecretFileDelivery(SecretProfile Profile, SecretFileFormat Format)
{
    /// <summary>Exactly the value's bytes at <c>&lt;dir&gt;/&lt;name&gt;</c>.</summary>
    public static SecretFileDelivery Raw { get; } = new(SecretProfile.None, SecretFileFormat.Raw);
}
