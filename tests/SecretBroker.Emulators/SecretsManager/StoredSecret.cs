namespace SecretBroker.Emulators.SecretsManager;

/// <summary>A secret and its versions; read under the store's lock via <see cref="SecretStore"/> snapshots.</summary>
public sealed class StoredSecret
{
    internal StoredSecret(string name, string arn, DateTimeOffset created)
    {
        Name = name;
        Arn = arn;
        CreatedDate = created;
        LastChangedDate = created;
    }

    public string Name { get; }
    public string Arn { get; }
    public DateTimeOffset CreatedDate { get; }
    public DateTimeOffset LastChangedDate { get; internal set; }
    internal List<SecretVersion> Versions { get; } = [];

    /// <summary>A copy of the version list (read it inside <see cref="SecretStore.Read{T}"/>).</summary>
    public IReadOnlyList<SecretVersion> AllVersions => [.. Versions];

    public SecretVersion? ByStage(string stage) => Versions.FirstOrDefault(v => v.Stages.Contains(stage));

    public SecretVersion? ById(string versionId) => Versions.FirstOrDefault(v => v.VersionId == versionId);
}
