namespace SecretBroker.Sidecar.Tests.Outputs.Files;

/// <summary>
/// The files-output tests run one at a time. Several start helper processes (<c>stat</c>, <c>chown</c>, <c>cat</c>),
/// and a child shares the parent's open files between fork and exec: a directory lock one test's writer has just
/// released can then still be held for a moment when that test's next writer starts (a sidecar never forks, so this
/// concerns only tests that run many writers in one process).
/// </summary>
[CollectionDefinition(Name)]
public sealed class FilesOutputTestGroup
{
    public const string Name = "files output";
}
